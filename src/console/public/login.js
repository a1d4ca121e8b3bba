'use strict';

// The login form: all words come from /console/texts; the session cookie is set by the server (httpOnly).
(async () => {
  const texts = await (await fetch('/console/texts')).json();
  const byId = (id) => document.getElementById(id);
  document.title = texts.title;
  byId('login-title').textContent = texts.login.title;
  byId('username-label').textContent = texts.login.username;
  byId('password-label').textContent = texts.login.password;
  byId('login-submit').textContent = texts.login.submit;

  byId('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byId('login-error');
    error.textContent = '';
    try {
      const response = await fetch('/api/console/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: byId('username').value, password: byId('password').value }),
      });
      if (response.ok) {
        // A link to a case (from a Teams card) survives the login: only a case fragment is carried on.
        const caseLink = /^#case=[\w%.-]+$/.test(window.location.hash) ? window.location.hash : '';
        window.location.assign(`/console${caseLink}`);
        return;
      }
      if (response.status === 429) {
        const minutes = Math.max(1, Math.ceil(Number(response.headers.get('Retry-After') || 60) / 60));
        error.textContent = texts.login.tooMany.replace('{minutes}', String(minutes));
      } else {
        error.textContent = response.status === 401 ? texts.login.failed : texts.login.error;
      }
    } catch {
      error.textContent = texts.login.error;
    }
  });
})();
