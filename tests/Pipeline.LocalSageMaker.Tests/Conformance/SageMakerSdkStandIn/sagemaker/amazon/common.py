"""The stand-in for sagemaker.amazon.common (protobuf/RecordIO helpers): the blog imports it as smac and never uses it."""
