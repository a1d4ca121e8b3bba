// The local chat page. Every text from the server or the resident goes into the DOM through
// textContent, never innerHTML, so HTML or script in a message is shown as text.
(function () {
  'use strict';
  var STORAGE_KEY = 'wijkverbinder.chat';
  var texts = {};
  var session = null;
  var source = null;

  var list = document.getElementById('messages');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var status = document.getElementById('status');
  var suggestions = document.getElementById('suggestions');

  function setStatus(text) { status.textContent = text || ''; }

  function addMessage(role, text, id) {
    if (id && document.querySelector('[data-id="' + CSS.escape(id) + '"]')) return null;
    var item = document.createElement('li');
    item.className = 'message message--' + role;
    if (id) item.setAttribute('data-id', id);
    var from = document.createElement('span');
    from.className = 'message__from';
    from.textContent = role === 'user' ? texts.you : texts.bot;
    var body = document.createElement('span');
    body.className = 'message__text';
    body.textContent = text;
    item.appendChild(from);
    item.appendChild(body);
    list.appendChild(item);
    item.scrollIntoView({ block: 'end' });
    return item;
  }

  function showSuggestions(actions) {
    suggestions.textContent = '';
    (actions || []).forEach(function (action) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.title;
      button.addEventListener('click', function () { send(String(action.value || action.title)); });
      suggestions.appendChild(button);
    });
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  function send(text) {
    if (!text.trim() || !session) return;
    showSuggestions([]);
    var bubble = addMessage('user', text);
    request('POST', '/chat/conversations/' + session.conversationId + '/messages', { userId: session.userId, text: text })
      .catch(function () {
        bubble.classList.add('message--failed');
        setStatus(texts.sendFailed);
        input.value = text;
      });
  }

  function listen() {
    source = new EventSource('/chat/conversations/' + session.conversationId + '/events');
    source.onopen = function () { setStatus(''); };
    source.onerror = function () { setStatus(texts.offline); };
    source.onmessage = function (event) {
      var activity = JSON.parse(event.data);
      if (activity.type === 'message') {
        addMessage('bot', activity.text || '', activity.id);
        showSuggestions(activity.suggestedActions);
      }
    };
  }

  function start() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null'); } catch (e) { saved = null; }
    if (saved && saved.conversationId && saved.userId) {
      session = saved;
      listen();
      return Promise.resolve();
    }
    setStatus(texts.connecting);
    return request('POST', '/chat/conversations', saved && saved.userId ? { userId: saved.userId } : {}).then(function (created) {
      session = created;
      localStorage.setItem(STORAGE_KEY, JSON.stringify(created));
      listen();
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = '';
    send(text);
    input.focus();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.getElementById('new-conversation').addEventListener('click', function () {
    // A new conversation keeps the same user, so consent given before still holds.
    var userId = session && session.userId;
    if (source) source.close();
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ userId: userId }));
    list.textContent = '';
    start();
  });

  fetch('/chat/texts').then(function (response) { return response.json(); }).then(function (loaded) {
    texts = loaded;
    document.getElementById('title').textContent = texts.title;
    document.getElementById('subtitle').textContent = texts.subtitle;
    document.getElementById('send').textContent = texts.send;
    document.getElementById('new-conversation').textContent = texts.newConversation;
    input.placeholder = texts.placeholder;
    return start();
  }).catch(function () { setStatus(texts.offline || 'Geen verbinding.'); });
})();
