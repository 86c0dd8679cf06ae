"""Build-time code generator: ``spec/`` -> ``sagemaker_client/_generated/``.

Run it with ``python -m codegen``. Nothing in ``sagemaker_client`` imports this package.
"""
