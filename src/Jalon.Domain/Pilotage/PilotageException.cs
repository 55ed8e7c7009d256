namespace Jalon.Domain.Pilotage;

/// <summary>A business rule of the dialogue de gestion refused an action; the message is in French, for the user.</summary>
public sealed class PilotageException(string message) : InvalidOperationException(message);
