using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

// The worker's generated protocol types are internal, but its assembly carries every file
// descriptor. Write them, dependencies first, as a FileDescriptorSet for protoc, with the C#
// namespace moved so the harness's generated types never collide with the worker's internal ones.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: LeadHandoff.Harness.Descriptors <output.pb> <csharp-namespace>");
    return 2;
}

var reflection = Assembly.Load(new AssemblyName("Microsoft.Azure.Functions.Worker.Grpc"))
    .GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection", throwOnError: true)!;
var root = (FileDescriptor)reflection.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

var ordered = new List<FileDescriptor>();
void Visit(FileDescriptor file)
{
    if (ordered.Contains(file)) return;
    foreach (var dependency in file.Dependencies) Visit(dependency);
    ordered.Add(file);
}
Visit(root);

var set = new FileDescriptorSet();
foreach (var file in ordered)
{
    var proto = FileDescriptorProto.Parser.ParseFrom(file.SerializedData);
    if (!proto.Name.StartsWith("google/protobuf/", StringComparison.Ordinal))
    {
        proto.Options ??= new Google.Protobuf.Reflection.FileOptions();
        proto.Options.CsharpNamespace = args[1];
    }
    set.File.Add(proto);
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
File.WriteAllBytes(args[0], set.ToByteArray());
Console.WriteLine(string.Join(" ", ordered.Select(f => f.Name)));
return 0;
