// Standalone LocalSageMaker: the HTTP front comes with the server work of issue 4.
return 0;
