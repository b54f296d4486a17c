using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadHandoff.Html;

/// <summary>
/// Renders the Razor templates (each in its feature's folder, over the layouts in this one) to HTML with ASP.NET Core's <see cref="HtmlRenderer"/>.
/// Razor encodes every value it writes, in text and in attributes, so no HTML is assembled from
/// strings anywhere; markup comes only from the <c>.razor</c> files.
/// </summary>
public static class HtmlTemplates
{
    // HtmlRenderer takes its encoder from the services. The default one writes every character
    // outside Basic Latin as an entity (จำกัด as &#xE08;&#xE33;...): valid, but three times the
    // bytes and unreadable in a mail client's source or a search. This one still encodes what HTML
    // treats specially (< > & " ' and the rest), and writes Thai as Thai.
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider();

    public static string Render<TTemplate, TModel>(TModel model) where TTemplate : Template<TModel> =>
        Render<TTemplate>(new Dictionary<string, object?> { [nameof(Template<TModel>.Model)] = model });

    private static string Render<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        // A renderer per document: a long-lived one keeps every root component it has rendered.
        // A fresh renderer's dispatcher is idle, so the call runs inline and our templates, which
        // never await, complete before it returns: no thread waits on another.
        using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        var html = renderer.Dispatcher.InvokeAsync(() => renderer.BeginRenderingComponent<TComponent>(ParameterView.FromDictionary(parameters)).ToHtmlString());
        if (!html.IsCompleted) throw new InvalidOperationException($"{typeof(TComponent).Name} rendered asynchronously; templates must not await.");
        return html.GetAwaiter().GetResult();
    }
}
