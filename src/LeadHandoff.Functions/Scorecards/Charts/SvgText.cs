using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace LeadHandoff.Functions.Scorecards.Charts;

/// <summary>
/// An SVG <c>&lt;text&gt;</c> element. Razor reserves <c>&lt;text&gt;</c> inside code blocks for its
/// own use, so the charts write it through this component; its content is encoded like any other.
/// </summary>
public sealed class SvgText : ComponentBase
{
    [Parameter, EditorRequired] public string X { get; set; } = "";

    [Parameter, EditorRequired] public string Y { get; set; } = "";

    /// <summary>start, middle or end; start when left out.</summary>
    [Parameter] public string? Anchor { get; set; }

    [Parameter, EditorRequired] public string Content { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "font-size", ChartFrame.FontSize);
        if (Anchor is not null) builder.AddAttribute(4, "text-anchor", Anchor);
        builder.AddContent(5, Content);
        builder.CloseElement();
    }
}
