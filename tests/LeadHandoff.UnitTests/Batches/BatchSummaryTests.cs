using LeadHandoff.Batches;
using LeadHandoff.Weeks;

namespace LeadHandoff.Tests.Batches;

public sealed class BatchSummaryTests
{
    private static readonly BatchWindow Window = new(new DateOnly(2026, 12, 7), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static string Statement(int delivered, int target) =>
        new BatchSummary(Window, target, delivered, new Dictionary<(string, string), int>(), [], 0, 0).TargetStatement;

    [Theory]
    [InlineData(0, 50, "No leads were delivered in this batch: the target of 50 was missed by 50.")]
    [InlineData(42, 50, "Target missed: 42 leads delivered against a target of 50, 8 short (84% of target).")]
    [InlineData(49, 50, "Target missed: 49 leads delivered against a target of 50, 1 short (98% of target).")]
    [InlineData(50, 50, "Target met: 50 leads delivered against a target of 50.")]
    [InlineData(57, 50, "Target met: 57 leads delivered against a target of 50, 7 over.")]
    [InlineData(3, 0, "3 leads delivered (no target is set).")]
    public void The_promise_is_stated_plainly(int delivered, int target, string expected)
    {
        Assert.Equal(expected, Statement(delivered, target));
    }
}
