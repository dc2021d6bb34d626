// Minimal local chat page: bot content is always set as text, never as HTML.
(() => {
  const log = document.getElementById('log');
  const form = document.getElementById('form');
  const input = document.getElementById('text');
  let sessionId = sessionStorage.getItem('chatSession') || undefined;

  function add(kind, text) {
    const div = document.createElement('div');
    div.className = `msg ${kind}`;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  async function send(text) {
    add('user', text);
    const res = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sessionId ? { text, sessionId } : { text }),
    });
    const body = await res.json();
    if (!res.ok) return add('bot', `Error: ${body.message || body.error}`);
    sessionId = body.sessionId;
    sessionStorage.setItem('chatSession', sessionId);
    for (const m of body.messages) {
      if (m.contentType === 'PlainText') add('bot', m.content);
      if (m.contentType === 'ImageResponseCard') {
        const div = add('bot', m.imageResponseCard.title);
        const row = document.createElement('div');
        row.className = 'buttons';
        for (const b of m.imageResponseCard.buttons || []) {
          const button = document.createElement('button');
          button.type = 'button';
          button.textContent = b.text;
          button.addEventListener('click', () => send(b.value));
          row.appendChild(button);
        }
        div.appendChild(row);
      }
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text).catch((err) => add('bot', `Error: ${err.message}`));
  });
})();
