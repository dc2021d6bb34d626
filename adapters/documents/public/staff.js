// The staff reports page: sign in (embedded default: /api/dev/login), then fetch the latest report
// with the ID token as a bearer token. The token lives in sessionStorage only, for this tab.
(() => {
  const $ = (id) => document.getElementById(id);
  const status = (text) => {
    $('status').textContent = text;
  };
  let token = sessionStorage.getItem('staffIdToken');

  async function api(method, path, body) {
    const res = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const data = await res.json().catch(() => ({}));
    return { status: res.status, data };
  }

  function show(report) {
    $('summary').textContent = report.summary;
    $('chart').src = report.chartUrl;
    $('csv').href = report.csvUrl;
    const table = $('rows');
    table.replaceChildren();
    const head = table.insertRow();
    for (const h of ['Group', 'Component', 'Units', 'Issued / day', 'Days of supply', 'Level']) {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    }
    for (const r of report.rows) {
      const tr = table.insertRow();
      tr.className = r.level;
      for (const v of [
        r.group,
        r.component.replace('_', ' '),
        r.available,
        r.averageDailyIssues.toFixed(1),
        r.daysOfSupply >= 100 ? '100+' : r.daysOfSupply.toFixed(1),
        r.level,
      ]) {
        tr.insertCell().textContent = String(v);
      }
    }
    $('report').hidden = false;
  }

  async function load() {
    $('signin').hidden = true;
    status('Loading the latest report…');
    let out = await api('GET', '/api/reports/stock/latest');
    if (out.status === 404) out = await api('POST', '/api/reports/stock');
    if (out.status === 401) {
      sessionStorage.removeItem('staffIdToken');
      $('signin').hidden = false;
      return status('Please sign in again.');
    }
    if (out.status !== 200 && out.status !== 201) {
      $('signin').hidden = false;
      return status(out.data.message || 'This page is for blood service staff.');
    }
    show(out.data);
    status(`Report for ${out.data.date}. Links expire in 15 minutes; reload for new ones.`);
    $('audit').hidden = false;
  }

  $('signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    const res = await fetch('/api/dev/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) return status(data.message || 'Sign-in failed.');
    token = data.idToken;
    sessionStorage.setItem('staffIdToken', token);
    $('password').value = '';
    await load();
  });

  $('refresh').addEventListener('click', async () => {
    const out = await api('POST', '/api/reports/stock');
    if (out.status === 201) show(out.data);
    status(
      out.status === 201
        ? `Report for ${out.data.date} made now.`
        : out.data.message || 'Could not make a report.',
    );
  });

  $('signout').addEventListener('click', () => {
    sessionStorage.removeItem('staffIdToken');
    token = null;
    $('report').hidden = true;
    $('audit').hidden = true;
    $('signin').hidden = false;
    status('Signed out.');
  });

  $('export').addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = await api('POST', '/api/audit-exports', { from: $('from').value, to: $('to').value });
    const p = $('exported');
    p.replaceChildren();
    if (out.status !== 201) {
      p.textContent = out.data.message || 'Export refused.';
      return;
    }
    const a = document.createElement('a');
    a.href = out.data.url;
    a.textContent = `Download ${out.data.rows} entries (link valid for ${out.data.expiresInSeconds / 60} minutes)`;
    p.appendChild(a);
  });

  if (token) load();
})();
