namespace Jalon.Domain.Plans;

/// <summary>A rule of the plans refused an input or an action; the message is in French, for the user.</summary>
public sealed class PlanException(string message) : InvalidOperationException(message);
