using Microsoft.AspNetCore.Components;

namespace LeadHandoff.Html;

/// <summary>
/// A page or email template: a Razor component that takes one typed model, so a caller that passes
/// the wrong data fails to compile rather than rendering a blank.
/// </summary>
public abstract class Template<TModel> : ComponentBase
{
    [Parameter, EditorRequired]
    public TModel Model { get; set; } = default!;
}
