"""The stand-in SDK's sagemaker.amazon package (see sagemaker/__init__.py)."""
