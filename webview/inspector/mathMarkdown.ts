import katex from 'katex';
import MarkdownIt from 'markdown-it';

// Raw HTML in a response is shown as text; links are not followed from the webview.
const md = new MarkdownIt({ html: false, linkify: false, breaks: true });

/**
 * Display math first so `$$…$$` is not read as two empty inline formulas. `\$` is a literal dollar. A bare
 * `\boxed{…}` outside any delimiters (common in model output) is math too.
 */
const MATH =
  /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<![\\$])\$(?!\s)((?:\\.|[^$\\\n])+?)(?<!\s)\$(?!\d)|(\\boxed\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})/g;
const OPEN = '\uE000';
const CLOSE = '\uE001';

export interface RenderedMarkdown {
  readonly html: string;
  readonly formulas: number;
}

/**
 * Markdown with LaTeX: formulas are cut out before markdown-it sees them (so `_` and `*` inside math stay math),
 * rendered by KaTeX, and put back into markdown-it's HTML. A formula KaTeX cannot parse is shown as its source in red.
 */
export function renderMathMarkdown(text: string): RenderedMarkdown {
  return render(text, false);
}

/** The same for one line of text (no paragraphs), e.g. a problem in the list; display math is drawn inline. */
export function renderMathInline(text: string): RenderedMarkdown {
  return render(text, true);
}

function render(text: string, inline: boolean): RenderedMarkdown {
  const formulas: string[] = [];
  const protectedText = text.replace(MATH, (_all, display1?: string, display2?: string, inline1?: string, inline2?: string, boxed?: string) => {
    const display = display1 ?? display2;
    const tex = display ?? inline1 ?? inline2 ?? boxed ?? '';
    formulas.push(katex.renderToString(tex.trim(), { displayMode: !inline && display !== undefined, throwOnError: false, output: 'html', strict: 'ignore' }));
    return `${OPEN}${formulas.length - 1}${CLOSE}`;
  });
  const html = (inline ? md.renderInline(protectedText) : md.render(protectedText)).replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_all, i: string) => formulas[Number(i)] ?? '');
  return { html, formulas: formulas.length };
}
