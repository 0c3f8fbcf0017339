using System.Runtime.CompilerServices;

// ILGPU compiles kernels into its own dynamic assembly "ILGPURuntime", which must see the internal kernel types
// (ColumnShape, ModelColumnKernel) so that they need not be public API.
[assembly: InternalsVisibleTo("ILGPURuntime")]
