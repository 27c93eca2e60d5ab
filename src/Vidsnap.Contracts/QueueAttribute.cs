namespace Vidsnap.Contracts;

/// <summary>Names the one queue a message type travels on, so producer and consumer cannot disagree.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class QueueAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public static string NameOf<TMessage>()
        where TMessage : IQueueMessage => NameOf(typeof(TMessage));

    public static string NameOf(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        var attribute = (QueueAttribute?)GetCustomAttribute(messageType, typeof(QueueAttribute))
            ?? throw new InvalidOperationException($"{messageType.Name} has no [Queue] attribute.");
        return attribute.Name;
    }
}
