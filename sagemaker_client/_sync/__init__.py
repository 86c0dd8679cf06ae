"""The sync driver: the core's commands performed with httpx.Client and time.sleep."""
