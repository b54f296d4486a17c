using LeadHandoff.Email;

namespace LeadHandoff.Tests.Faults;

public enum SenderCrash { None, BeforeHandingOver, AfterAccepted }

/// <summary>
/// The fault rig's crash points around the provider: the run dies just before the provider call
/// (the email is composed and marked as handed over), or just after the provider accepted (before
/// the ledger heard). Registered by the test app as a decorator of the real sender; once only.
/// </summary>
public sealed class CrashingSender(IEmailSender inner, SenderCrash crash) : IEmailSender
{
    private int _armed = crash == SenderCrash.None ? 0 : 1;

    public async Task<SendOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (crash == SenderCrash.BeforeHandingOver && Interlocked.Exchange(ref _armed, 0) == 1)
            throw new SimulatedCrash("crash before handing the email to the provider");
        var outcome = await inner.SendAsync(message, cancellationToken);
        if (crash == SenderCrash.AfterAccepted && outcome.Status == SendStatus.Sent && Interlocked.Exchange(ref _armed, 0) == 1)
            throw new SimulatedCrash("crash after the provider accepted");
        return outcome;
    }
}
