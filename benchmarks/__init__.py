"""Benchmarks of sagemaker-client against boto3, aiobotocore and raw httpx (``make bench``)."""
