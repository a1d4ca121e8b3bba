'use strict';

// The wijkverbinder console. Every piece of data (answers, messages, notes, names) goes into the
// page through textContent or DOM nodes, never as HTML: whatever a resident wrote stays text.
(async () => {
  const texts = await (await fetch('/console/texts')).json();
  const byId = (id) => document.getElementById(id);
  const state = { me: undefined, csrf: '', caseId: undefined, detail: undefined, queue: [], clockSkew: 0 };
  // What the connector is typing, per case, so a live re-render of the case never throws it away.
  const drafts = { message: {}, note: {} };

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

  /** Creates an element with optional class, text and children. */
  function el(tag, options = {}, children = []) {
    const node = document.createElement(tag);
    if (options.className) node.className = options.className;
    if (options.text !== undefined) node.textContent = options.text;
    for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
    for (const child of children) if (child) node.append(child);
    return node;
  }

  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      window.location.assign('/console/login');
      throw new Error('no session');
    }
    const data = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) throw Object.assign(new Error('refused'), { code: data && data.error });
    return data;
  }

  function errorText(error) {
    return texts.errors[error && error.code] || texts.errors.general;
  }

  // --- header: who am I, status, logout, notifications ---
  const me = await api('GET', '/api/console/me');
  state.me = me.connector;
  state.csrf = me.csrfToken;
  document.title = texts.title;
  byId('title').textContent = texts.title;
  byId('who').textContent = fill(texts.header.loggedInAs, { name: me.connector.displayName, team: me.connector.team });
  byId('status-label').textContent = texts.header.status;
  byId('queue-title').textContent = texts.queue.title;
  byId('online-title').textContent = texts.header.whoOnline;
  const status = byId('status');
  for (const value of ['online', 'away']) status.append(el('option', { text: texts.header[value], attrs: { value } }));
  status.value = me.status;
  status.addEventListener('change', () => api('PUT', '/api/console/presence', { status: status.value }).catch(showAlertError));
  byId('logout').textContent = texts.header.logout;
  byId('logout').addEventListener('click', async () => {
    await api('POST', '/api/console/logout').catch(() => undefined);
    window.location.assign('/console/login');
  });
  const notifications = byId('notifications');
  if ('Notification' in window && Notification.permission === 'default') {
    notifications.hidden = false;
    notifications.textContent = texts.header.notificationsOn;
    notifications.addEventListener('click', () => Notification.requestPermission().then(() => (notifications.hidden = true)));
  }

  // --- alerts: a line on the page, a short beep, and a system notification when allowed ---
  function showAlert(text) {
    const alert = byId('alert');
    alert.hidden = false;
    alert.textContent = text;
  }
  function showAlertError(error) {
    showAlert(errorText(error));
  }
  let audio;
  function beep() {
    try {
      audio = audio || new AudioContext();
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.4);
    } catch {
      // No sound available (or not allowed yet): the line on the page still shows.
    }
  }
  function alertConnector(type) {
    const text = texts.alerts[type];
    showAlert(text);
    beep();
    if ('Notification' in window && Notification.permission === 'granted') new Notification(texts.title, { body: text });
  }

  // --- queue ---
  function waitingText(since) {
    const minutes = Math.max(0, Math.floor((Date.now() + state.clockSkew - Date.parse(since)) / 60000));
    return minutes < 60 ? fill(texts.queue.waiting, { minutes }) : fill(texts.queue.waitingHours, { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  }
  function signalText(flag) {
    return flag.label || texts.case.signalLabels[flag.signal] || flag.signal;
  }
  /** One line that says why: "Zwaar: deurwaarder (ernstig) · 3 levensgebieden". */
  function whyText(value) {
    const weighty = value.flags.filter((flag) => flag.severity !== 'mild').map((flag) => `${signalText(flag)} (${texts.case.severities[flag.severity]})`);
    const parts = [...new Set(weighty)];
    if (value.domains.length >= 3) parts.push(fill(texts.case.whyDomains, { count: value.domains.length }));
    return parts.length ? fill(texts.case.why, { level: levelText(value.level), signals: parts.join(' · ') }) : '';
  }
  function levelText(level) {
    return texts.levels[level] || texts.levels.none;
  }
  function renderQueue() {
    const list = byId('queue');
    list.replaceChildren();
    if (state.queue.length === 0) list.append(el('li', { text: texts.queue.empty }));
    for (const item of state.queue) {
      const tags = el('span', {}, [
        item.askedForPerson ? el('span', { className: 'tag', text: texts.queue.askedForPerson }) : null,
        item.unsafeChannel ? el('span', { className: 'tag warn', text: texts.queue.unsafe }) : null,
        item.claimedBy ? el('span', { className: 'tag', text: fill(texts.queue.claimedBy, { name: item.claimedBy.displayName }) }) : null,
      ]);
      const button = el('button', { className: item.caseId === state.caseId ? 'active' : '', attrs: { type: 'button', 'data-case-id': item.caseId } }, [
        el('span', { className: `level level-${item.level || 'none'}`, text: levelText(item.level) }),
        el('span', { className: 'waiting', text: waitingText(item.waitingSince) }),
        el('span', { className: 'domains', text: item.domains.length ? item.domains.join(', ') : texts.queue.noDomains }),
        tags,
      ]);
      button.addEventListener('click', () => openCase(item.caseId));
      list.append(el('li', {}, [button]));
    }
  }
  async function loadQueue() {
    const data = await api('GET', '/api/console/queue');
    state.clockSkew = Date.parse(data.serverTime) - Date.now();
    state.queue = data.cases;
    renderQueue();
  }
  setInterval(renderQueue, 30_000);

  // --- who is online ---
  function renderOnline(connectors) {
    const list = byId('online');
    list.replaceChildren();
    if (connectors.length === 0) list.append(el('li', { text: texts.header.nobodyOnline }));
    for (const connector of connectors) list.append(el('li', { text: `${connector.displayName} — ${texts.header[connector.status]}` }));
  }

  // --- one case ---
  const ANSWER_INDEX = { wil: 0, kan: 1, nodig: 2 };

  /** The answer as text nodes with the flags' evidence in <mark>, checked against the offsets so a stale flag never marks the wrong words. */
  function highlighted(text, flags, index) {
    const ranges = flags
      .filter((flag) => flag.message === index && text.slice(flag.start, flag.end) === flag.evidence)
      .map((flag) => ({ start: flag.start, end: flag.end, signal: flag.signal }))
      .sort((a, b) => a.start - b.start);
    const nodes = [];
    let at = 0;
    for (const range of ranges) {
      if (range.start < at) continue;
      nodes.push(document.createTextNode(text.slice(at, range.start)));
      nodes.push(el('mark', { text: text.slice(range.start, range.end), attrs: { title: range.signal } }));
      at = range.end;
    }
    nodes.push(document.createTextNode(text.slice(at)));
    return nodes;
  }

  function transcriptLine(line) {
    const who = { resident: texts.case.fromResident, bot: texts.case.fromBot, connector: texts.case.fromConnector }[line.from] || line.from;
    return el('p', { className: `line from-${line.from}` }, [el('span', { className: 'who', text: who }), document.createTextNode(line.text)]);
  }

  function section(title, children) {
    return el('section', {}, [el('h3', { text: title }), ...children]);
  }

  function renderCase() {
    const view = byId('case');
    const detail = state.detail;
    if (!detail) {
      view.replaceChildren(el('p', { text: texts.case.choose }));
      return;
    }
    const value = detail.case;
    const mine = value.status === 'claimed' && value.claimedBy && value.claimedBy.id === state.me.id;
    const parts = [];
    parts.push(
      el('h2', {}, [
        el('span', { className: `level level-${value.level || 'none'}`, text: levelText(value.level) }),
        document.createTextNode(` — ${texts.statuses[value.status] || value.status}`),
      ]),
    );
    if (value.claimedBy) parts.push(el('p', { text: fill(texts.case.claimedBy, { name: value.claimedBy.displayName }) }));
    if (detail.unsafeChannel) {
      parts.push(el('p', { className: 'warning', attrs: { role: 'alert', 'data-testid': 'unsafe-warning' }, text: texts.case.unsafeWarning }));
      const safe = { asked: texts.case.safeAsked, yes: texts.case.safeYes, no: texts.case.safeNo }[detail.safeToMessage];
      if (safe) parts.push(el('p', { className: detail.safeToMessage === 'yes' ? '' : 'warning', text: safe }));
    }

    const actions = el('div', { className: 'row' });
    if (value.status === 'escalated') actions.append(button(texts.case.claim, 'primary', () => act(`/api/console/cases/${value.id}/claim`), 'claim'));
    if (mine) actions.append(button(texts.case.release, '', () => act(`/api/console/cases/${value.id}/release`), 'release'));
    parts.push(actions);
    if (mine) parts.push(closeForm(value.id));

    parts.push(
      section(
        texts.case.answers,
        ['wil', 'kan', 'nodig'].map((key) =>
          el('div', {}, [
            el('h4', { text: texts.case[key] }),
            el('p', { className: 'answer', attrs: { 'data-answer': key } }, value.answers[key] ? highlighted(value.answers[key], value.flags, ANSWER_INDEX[key]) : [document.createTextNode(texts.case.noAnswer)]),
          ]),
        ),
      ),
    );
    parts.push(
      section(texts.case.flags, [
        el('p', { className: 'why', attrs: { 'data-testid': 'why' }, text: whyText(value) }),
        value.flags.length === 0
          ? el('p', { text: texts.case.noFlags })
          : el(
              'ul',
              {},
              value.flags.map((flag) =>
                el('li', {}, [
                  el('span', { className: 'tag', text: flag.domains.map((domain) => texts.case.flagSources[domain] || domain).join(', ') }),
                  document.createTextNode(`${signalText(flag)} (${texts.case.severities[flag.severity] || flag.severity}) — ${fill(texts.case.evidence, { evidence: flag.evidence })}`),
                ]),
              ),
            ),
      ]),
    );
    const transcript = el('div', { className: 'transcript', attrs: { id: 'transcript' } }, detail.transcript.map(transcriptLine));
    parts.push(section(texts.case.transcript, [transcript]));
    if (mine) parts.push(messageForm(value.id));
    parts.push(notesSection(value.id));
    parts.push(
      section(texts.case.previous, [
        detail.previousCases.length === 0
          ? el('p', { text: texts.case.noPrevious })
          : el(
              'ul',
              {},
              detail.previousCases.map((earlier) =>
                el('li', {}, [
                  button(`${new Date(earlier.createdAt).toLocaleDateString('nl-NL')} — ${levelText(earlier.level)} — ${texts.statuses[earlier.status] || earlier.status}${earlier.outcome ? ` — ${texts.outcomes[earlier.outcome]}` : ''}`, '', () => openCase(earlier.id)),
                ]),
              ),
            ),
      ]),
    );
    const focused = document.activeElement && view.contains(document.activeElement) ? document.activeElement.getAttribute('data-testid') : null;
    view.replaceChildren(...parts);
    transcript.scrollTop = transcript.scrollHeight;
    if (focused) {
      const again = view.querySelector(`[data-testid="${focused}"]`);
      if (again) again.focus();
    }
  }

  function button(text, className, onClick, testId) {
    const node = el('button', { className, text, attrs: testId ? { type: 'button', 'data-testid': testId } : { type: 'button' } });
    node.addEventListener('click', async () => {
      node.disabled = true;
      try {
        await onClick();
      } finally {
        node.disabled = false;
      }
    });
    return node;
  }

  async function act(path, body) {
    try {
      await api('POST', path, body);
      byId('alert').hidden = true;
    } catch (error) {
      showAlertError(error);
    }
    await Promise.all([loadQueue(), state.caseId ? openCase(state.caseId) : undefined]);
  }

  /** A textarea whose text is kept in `drafts` while the connector types (the case view may be rebuilt meanwhile). */
  function draftInput(kind, caseId, placeholder, testId) {
    const input = el('textarea', { attrs: { placeholder, maxlength: '4000', 'data-testid': testId } });
    input.value = drafts[kind][caseId] || '';
    input.addEventListener('input', () => (drafts[kind][caseId] = input.value));
    return input;
  }
  /** After sending: empties the draft, unless the connector already typed something new. */
  function clearDraft(kind, caseId, sent) {
    if ((drafts[kind][caseId] || '').trim() === sent) delete drafts[kind][caseId];
    const input = byId('case').querySelector(`[data-testid="${kind}-input"]`);
    if (input && input.value.trim() === sent) input.value = '';
  }

  function messageForm(caseId) {
    const input = draftInput('message', caseId, texts.case.messagePlaceholder, 'message-input');
    const form = el('form', { className: 'row' }, [input, el('button', { className: 'primary', text: texts.case.send, attrs: { type: 'submit' } })]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      try {
        await api('POST', `/api/console/cases/${caseId}/messages`, { text });
        clearDraft('message', caseId, text);
      } catch (error) {
        showAlertError(error);
      }
    });
    return form;
  }

  function closeForm(caseId) {
    const outcome = el('select', { attrs: { 'data-testid': 'outcome' } });
    for (const [value, label] of Object.entries(texts.outcomes)) outcome.append(el('option', { text: label, attrs: { value } }));
    const detail = el('input', { attrs: { placeholder: texts.case.detail, maxlength: '200', 'data-testid': 'outcome-detail' } });
    detail.hidden = true;
    outcome.addEventListener('change', () => {
      detail.hidden = outcome.value !== 'doorverwezen';
      detail.required = !detail.hidden;
    });
    const form = el('form', { className: 'row' }, [el('label', { text: texts.case.outcome }), outcome, detail, el('button', { text: texts.case.closeConfirm, attrs: { type: 'submit', 'data-testid': 'close' } })]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(`/api/console/cases/${caseId}/close`, outcome.value === 'doorverwezen' ? { outcome: outcome.value, detail: detail.value.trim() } : { outcome: outcome.value });
    });
    return form;
  }

  function notesSection(caseId) {
    const list = el('ul', { attrs: { 'data-testid': 'notes' } });
    const input = draftInput('note', caseId, texts.case.notePlaceholder, 'note-input');
    const form = el('form', { className: 'row' }, [input, el('button', { text: texts.case.addNote, attrs: { type: 'submit' } })]);
    const load = async () => {
      const data = await api('GET', `/api/console/cases/${caseId}/notes`);
      list.replaceChildren(...(data.notes.length ? data.notes.map((note) => el('li', { text: `${new Date(note.at).toLocaleString('nl-NL')} — ${note.text}` })) : [el('li', { text: texts.case.noNotes })]));
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      try {
        await api('POST', `/api/console/cases/${caseId}/notes`, { text });
        clearDraft('note', caseId, text);
        await load();
      } catch (error) {
        showAlertError(error);
      }
    });
    load().catch(showAlertError);
    return section(texts.case.notes, [list, form]);
  }

  // Only the case asked for last is shown, and chat lines that arrive while it loads are kept for it.
  let loads = 0;
  let loading;
  let arrivedWhileLoading = [];
  async function openCase(caseId) {
    const ticket = ++loads;
    if (loading !== caseId) arrivedWhileLoading = [];
    loading = caseId;
    try {
      const detail = await api('GET', `/api/console/cases/${caseId}`);
      if (ticket !== loads) return;
      state.detail = detail;
      state.caseId = caseId;
    } catch (error) {
      if (ticket !== loads) return;
      showAlertError(error);
    }
    loading = undefined;
    renderCase();
    renderQueue();
    // A line that came in during the load and is not yet in what was loaded still belongs in the transcript.
    if (state.caseId === caseId && state.detail) {
      const recent = state.detail.transcript.slice(-20).map((line) => line.text);
      for (const line of arrivedWhileLoading) if (!recent.includes(line.text)) appendLine(line);
    }
    arrivedWhileLoading = [];
  }

  function appendLine(line) {
    const transcript = byId('transcript');
    if (!transcript) return;
    transcript.append(transcriptLine(line));
    transcript.scrollTop = transcript.scrollHeight;
  }

  // --- live updates ---
  let opened = 0;
  function connect() {
    const events = new EventSource('/api/console/events');
    events.addEventListener('open', () => {
      byId('connection').hidden = true;
      // After a break, whatever happened meanwhile is fetched again.
      if (opened++ > 0) {
        loadQueue().catch(showAlertError);
        if (state.caseId) openCase(state.caseId);
      }
    });
    events.addEventListener('error', () => {
      const line = byId('connection');
      line.hidden = false;
      line.textContent = texts.header.connection;
      // The browser retries a dropped stream itself, but gives up on a refusal (no session after a
      // restart or logout elsewhere): then ask who we are, which leads to the login form on a 401.
      if (events.readyState === EventSource.CLOSED) reconnectLater();
    });
    events.addEventListener('queue', (event) => {
      const data = JSON.parse(event.data);
      loadQueue().catch(showAlertError);
      if (data.caseId === state.caseId) openCase(state.caseId);
    });
    events.addEventListener('alert', (event) => alertConnector(JSON.parse(event.data).type));
    events.addEventListener('presence', (event) => renderOnline(JSON.parse(event.data).connectors));
    events.addEventListener('chat', (event) => {
      const data = JSON.parse(event.data);
      // Without text the message is for a colleague's case: only they read it live.
      if (data.text === undefined) return;
      const line = { at: data.at, from: data.from, text: data.text };
      if (loading !== undefined && data.caseId === loading) arrivedWhileLoading.push(line);
      else if (data.caseId === state.caseId) appendLine(line);
    });
  }
  function reconnectLater() {
    setTimeout(async () => {
      try {
        await api('GET', '/api/console/me');
        connect();
      } catch (error) {
        if (error.message !== 'no session') reconnectLater();
      }
    }, 3000);
  }

  renderCase();
  await loadQueue();
  connect();
})();
