import type { ProblemRow } from '../../src/protocol/inspector';
import { insertHtml } from './insertHtml';
import { renderMathInline } from './mathMarkdown';

/** Every row is this tall, so the list can place rows by index and only create the ones on screen. */
export const ROW_HEIGHT = 46;
const OVERSCAN = 8;
const MAX_CACHED_TITLES = 5000;

/** A virtualised list of problems: a tall spacer and only the visible rows as elements. */
export class ProblemList {
  readonly element = document.createElement('div');
  private readonly spacer = document.createElement('div');
  private rows: readonly ProblemRow[] = [];
  private selected: number | undefined;
  /** Problem statements rendered with their math (rows are re-created on every scroll). */
  private readonly titles = new Map<string, string>();

  constructor(private readonly onSelect: (row: ProblemRow) => void) {
    this.element.className = 'problem-list';
    this.element.tabIndex = 0;
    this.element.setAttribute('role', 'listbox');
    this.spacer.className = 'spacer';
    this.element.append(this.spacer);
    this.element.addEventListener('scroll', () => this.draw());
    this.element.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      e.preventDefault();
      const at = this.rows.findIndex((r) => r.line === this.selected);
      const next = this.rows[Math.max(0, Math.min(this.rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) this.select(next.line);
    });
    new ResizeObserver(() => this.draw()).observe(this.element);
  }

  setRows(rows: readonly ProblemRow[]): void {
    this.rows = rows;
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    this.draw();
  }

  /** Selects the row of `line`, scrolls it into view and reports it; false when the list does not hold it. */
  select(line: number): boolean {
    const at = this.rows.findIndex((r) => r.line === line);
    if (at < 0) return false;
    this.selected = line;
    const top = at * ROW_HEIGHT;
    if (top < this.element.scrollTop || top + ROW_HEIGHT > this.element.scrollTop + this.element.clientHeight) {
      this.element.scrollTop = Math.max(0, top - this.element.clientHeight / 3);
    }
    this.draw();
    this.onSelect(this.rows[at]!);
    return true;
  }

  private draw(): void {
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((this.element.scrollTop + this.element.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const items: HTMLElement[] = [];
    for (let i = first; i < last; i++) items.push(this.item(this.rows[i]!, i));
    this.spacer.replaceChildren(...items);
  }

  private item(row: ProblemRow, at: number): HTMLElement {
    const item = document.createElement('div');
    item.className = `problem-row ${row.agreement}${row.line === this.selected ? ' selected' : ''}`;
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', String(row.line === this.selected));
    item.style.top = `${at * ROW_HEIGHT}px`;
    item.style.height = `${ROW_HEIGHT}px`;
    const title = document.createElement('div');
    title.className = 'row-title';
    let html = this.titles.get(row.problem);
    if (html === undefined) {
      if (this.titles.size >= MAX_CACHED_TITLES) this.titles.clear();
      html = renderMathInline(row.problem).html;
      this.titles.set(row.problem, html);
    }
    const number = document.createElement('span');
    number.className = 'row-line';
    number.textContent = `L${row.line + 1} · `;
    const text = document.createElement('span');
    insertHtml(text, html);
    title.append(number, text);
    title.title = row.problem;
    const label = document.createElement('div');
    label.className = 'row-label';
    label.textContent = row.label;
    item.append(title, label);
    item.addEventListener('click', () => this.select(row.line));
    return item;
  }
}
