/**
 * The panel's styles, applied inside the shadow root as a constructed stylesheet (no <style> text
 * in the page, so a host page's CSP need not allow inline styles). Colours meet WCAG AA: text on
 * its background is at least 4.5:1 (brand red #a4001d on white 8.1:1, body text #1f1f1f on the bot
 * bubble 14.8:1, muted #4a4f57 on white 8.1:1), the focus ring 6.4:1 against white.
 */
export const CHAT_CSS = `
.panel {
  --brand: #a4001d; --brand-dark: #7d0016; --text: #1f1f1f; --muted: #4a4f57; --bubble: #f1f3f5;
  --focus: #0b57d0; --line: #c9ccd1;
  position: fixed; right: 16px; bottom: 80px; z-index: 2147483001;
  display: flex; flex-direction: column;
  width: 380px; height: min(640px, calc(100vh - 104px)); max-height: calc(100dvh - 104px);
  background: #fff; color: var(--text); border: 1px solid var(--line); border-radius: 12px;
  box-shadow: 0 8px 28px rgb(0 0 0 / 28%);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  overflow: hidden; animation: rise 160ms ease-out;
}
.panel[hidden] { display: none; }
@keyframes rise { from { opacity: 0; transform: translateY(12px); } }
/* Phones: the panel is the whole screen; its own close button takes the launcher's place. */
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border: 0; border-radius: 0; }
}
* { box-sizing: border-box; }
button, input { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
header { background: var(--brand); color: #fff; padding: 10px 12px 8px 16px; }
.title-row { display: flex; align-items: center; gap: 8px; }
h2 { flex: 1; margin: 0; font-size: 1.05rem; line-height: 1.3; }
.who { margin: 2px 0 0; font-size: .85rem; overflow-wrap: anywhere; }
.tools { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.panel[data-auth] .tools { display: none; }
header button {
  min-height: 36px; padding: 4px 12px; border: 1px solid #fff; border-radius: 18px;
  background: transparent; color: #fff; font-size: .9rem;
}
header button:hover { background: var(--brand-dark); }
header :focus-visible { outline-color: #fff; }
button.close { min-width: 40px; min-height: 40px; padding: 0; border-color: transparent; font-size: 1.5rem; line-height: 1; }
.view { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.view[hidden] { display: none; }
.log { flex: 1; overflow-y: auto; margin: 0; padding: 12px; list-style: none; overscroll-behavior: contain; }
.msg { display: flex; flex-direction: column; margin: 0 0 10px; }
.bubble {
  max-width: 85%; margin: 0; padding: 8px 12px; border-radius: 14px;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.bot .bubble { align-self: flex-start; background: var(--bubble); border-bottom-left-radius: 4px; }
.user .bubble { align-self: flex-end; background: var(--brand); color: #fff; border-bottom-right-radius: 4px; }
.note { margin: 4px 0 12px; text-align: center; color: var(--muted); font-size: .85rem; }
.card-title { margin: 0 0 6px; color: var(--muted); font-size: .85rem; }
.card-subtitle { margin: 0 0 6px; font-size: .9rem; }
.choices { display: flex; flex-wrap: wrap; gap: 8px; }
.choice {
  min-height: 44px; padding: 6px 14px; border: 2px solid var(--brand); border-radius: 22px;
  background: #fff; color: var(--brand); font-weight: 600;
}
.choice:hover:not(:disabled) { background: #fdf2f4; }
/* Answered cards stay as a record of the choices but shrink: they no longer need touch size. */
.choice:disabled {
  min-height: 30px; padding: 2px 10px; border-width: 1px; border-color: var(--line);
  color: var(--muted); font-weight: 400; font-size: .85rem; cursor: default;
}
.error .bubble { align-self: flex-start; background: #fdecea; color: #8c1d18; border: 1px solid #8c1d18; }
.retry { align-self: flex-start; margin-top: 6px; min-height: 40px; padding: 4px 14px;
  border: 2px solid #8c1d18; border-radius: 20px; background: #fff; color: #8c1d18; font-weight: 600; }
.dots { display: inline-flex; gap: 4px; padding: 12px 14px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--muted); animation: blink 1.2s infinite ease-in-out; }
.dot:nth-child(2) { animation-delay: .2s; }
.dot:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) {
  .panel, .dot { animation: none; }
  .dot { opacity: .7; }
}
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--line); }
.composer input {
  flex: 1; min-width: 0; min-height: 44px; padding: 8px 12px;
  border: 2px solid var(--muted); border-radius: 22px; background: #fff;
}
.composer input::placeholder { color: var(--muted); opacity: 1; }
.primary {
  min-height: 44px; padding: 8px 18px; border: 0; border-radius: 22px;
  background: var(--brand); color: #fff; font-weight: 600;
}
.primary:hover:not(:disabled) { background: var(--brand-dark); }
.primary:disabled { opacity: .7; cursor: progress; }
.auth { overflow-y: auto; padding: 16px; }
.auth-form { display: flex; flex-direction: column; gap: 12px; }
.auth-form h3 { margin: 0; font-size: 1.1rem; }
.intro, .hint { margin: 0; color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
.intro p { margin: 0 0 8px; }
.intro a { color: var(--brand); font-weight: 600; }
.secret { font: 600 1rem/1.5 ui-monospace, "SFMono-Regular", Menlo, monospace; color: var(--text); user-select: all; }
.field { display: flex; flex-direction: column; gap: 4px; }
.field label { font-weight: 600; }
.field input { min-height: 44px; padding: 8px 12px; border: 2px solid var(--muted); border-radius: 8px; }
.field input[aria-invalid="true"] { border-color: #8c1d18; }
.form-error { margin: 0; color: #8c1d18; font-weight: 600; }
.form-error:empty { display: none; }
.link {
  align-self: flex-start; min-height: 40px; padding: 4px 0; border: 0; background: none;
  color: var(--brand); text-decoration: underline; font-weight: 600;
}
`;
