// The local chat page. Every text from the server or the resident goes into the DOM through
// textContent, never innerHTML, so HTML or script in a message is shown as text.
(function () {
  'use strict';
  var texts = {};
  var session = null;
  var source = null;

  var list = document.getElementById('messages');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var status = document.getElementById('status');
  var suggestions = document.getElementById('suggestions');
  var typing = document.getElementById('typing');
  var confirmNew = document.getElementById('confirm-new');

  // Times in the team's own zone, whatever zone the phone is set to.
  var clock = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

  function setStatus(text) { status.textContent = text || ''; }

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  /** role: 'user', 'bot' or 'connector' (a person of the wijkteam, shown by first name and role). */
  function addMessage(role, text, id, timestamp, sender) {
    if (id && document.querySelector('[data-id="' + CSS.escape(id) + '"]')) return null;
    var item = document.createElement('div');
    item.className = 'message message--' + role;
    if (id) item.setAttribute('data-id', id);
    var from = document.createElement('span');
    from.className = 'message__from';
    from.textContent = role === 'user' ? texts.you : role === 'connector' ? fill(texts.senderLabel, sender) : texts.bot;
    var body = document.createElement('span');
    body.className = 'message__text';
    if (role === 'user') body.textContent = text;
    else appendWithPhoneLinks(body, text);
    item.appendChild(from);
    item.appendChild(body);
    if (timestamp) setTime(item, timestamp);
    list.appendChild(item);
    scrollToEnd();
    return item;
  }

  function setTime(item, timestamp) {
    var time = document.createElement('time');
    time.className = 'message__time';
    time.setAttribute('datetime', timestamp);
    time.textContent = clock.format(new Date(timestamp));
    item.appendChild(time);
  }

  function showTyping(shown) {
    typing.hidden = !shown;
    if (shown) scrollToEnd();
  }

  // Only the message list scrolls, so the newest message stays in view above the buttons and the text box.
  function scrollToEnd() { list.scrollTop = list.scrollHeight; }

  // Emergency and helpline numbers in the bot's words become tap-to-call links; everything stays text nodes.
  var PHONE = /(0800-\d{4}|14 ?010|\b11[23]\b(?!\.\w))/g;
  function appendWithPhoneLinks(parent, text) {
    var last = 0;
    text.replace(PHONE, function (number, _group, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = document.createElement('a');
      link.href = 'tel:' + number.replace(/\s/g, '');
      link.textContent = number;
      parent.appendChild(link);
      last = offset + number.length;
      return number;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
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
    scrollToEnd();
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
    // Until the server echoes it on the stream (with its id), this bubble stands for the message.
    bubble.setAttribute('data-pending', text);
    request('POST', '/chat/messages', { text: text })
      .catch(function () {
        bubble.classList.add('message--failed');
        setStatus(texts.sendFailed);
        input.value = text;
      });
  }

  /** The resident's own message from the stream: it confirms the bubble already shown, or (after a reload) adds it. */
  function showOwn(activity) {
    var pending = Array.prototype.find.call(list.querySelectorAll('.message--user[data-pending]'), function (item) {
      return item.getAttribute('data-pending') === activity.text;
    });
    if (pending) {
      pending.removeAttribute('data-pending');
      pending.setAttribute('data-id', activity.id);
      setTime(pending, activity.timestamp);
      return;
    }
    addMessage('user', activity.text || '', activity.id, activity.timestamp);
  }

  function listen() {
    source = new EventSource('/chat/events');
    source.onopen = function () { setStatus(''); };
    source.onerror = function () { setStatus(texts.offline); };
    source.onmessage = function (event) {
      var activity = JSON.parse(event.data);
      if (activity.type === 'typing') {
        showTyping(true);
      } else if (activity.type === 'event' && activity.name === 'turn-end') { // TURN_END in webchatAdapter.ts
        showTyping(false);
      } else if (activity.type === 'message' && activity.from && activity.from.role === 'user') {
        showOwn(activity);
      } else if (activity.type === 'message') {
        showTyping(false);
        // After erasure nothing of the conversation stays on the screen, only the message that says so.
        if (activity.erased) list.textContent = '';
        addMessage(activity.sender ? 'connector' : 'bot', activity.text || '', activity.id, activity.timestamp, activity.sender);
        showSuggestions(activity.suggestedActions);
        // The case is closed: the message stays readable now, but this device no longer holds the conversation.
        if (activity.caseClosed || activity.erased) fetch('/chat/session', { method: 'DELETE' });
      }
    };
  }

  // The server keeps who this device is in an httpOnly cookie; the page itself stores nothing.
  function start(fresh) {
    setStatus(texts.connecting);
    return request('POST', '/chat/session', fresh ? { fresh: true } : {}).then(function (created) {
      session = created;
      listen();
    });
  }

  // "Snel weg": forget the conversation on this device, leave no page to go back to, and go somewhere neutral.
  function quickExit() {
    if (source) source.close();
    list.textContent = '';
    showSuggestions([]);
    input.value = '';
    // A neutral page to leave to, as Veilig Thuis sites do; nothing about this chat travels along.
    var leave = function () { window.location.replace(texts.quickExitUrl || 'about:blank'); };
    fetch('/chat/session', { method: 'DELETE', keepalive: true }).then(leave, leave);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = '';
    updateCounter();
    send(text);
    input.focus();
  });
  // The text box stops where the bot stops reading, and shows how much is left once that is near.
  var counter = document.getElementById('counter');
  function updateCounter() {
    var max = texts.maxChars || Number(input.getAttribute('maxlength'));
    var left = max - input.value.length;
    counter.textContent = left <= max * 0.1 ? fill(texts.charactersLeft, { left: String(left) }) : '';
  }
  input.addEventListener('input', updateCounter);
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  // A wiped screen cannot be undone, so "Nieuw gesprek" asks first, in the page's own modal dialog
  // (focus stays inside, Escape means no, focus returns to the button afterwards).
  document.getElementById('new-conversation').addEventListener('click', function () {
    confirmNew.showModal();
    document.getElementById('confirm-new-no').focus();
  });
  document.getElementById('confirm-new-no').addEventListener('click', function () { confirmNew.close(); });
  document.getElementById('confirm-new-yes').addEventListener('click', function () {
    confirmNew.close();
    // A new conversation keeps the same user, so consent given before still holds.
    if (source) source.close();
    list.textContent = '';
    showSuggestions([]);
    showTyping(false);
    start(true);
  });
  document.getElementById('quick-exit').addEventListener('click', quickExit);

  fetch('/chat/texts').then(function (response) { return response.json(); }).then(function (loaded) {
    texts = loaded;
    document.title = texts.pageTitle;
    document.getElementById('title').textContent = texts.title;
    list.setAttribute('aria-label', texts.messagesLabel);
    document.getElementById('input-label').textContent = texts.inputLabel;
    document.getElementById('typing-text').textContent = texts.typing;
    document.getElementById('confirm-new-title').textContent = texts.confirmNewTitle;
    document.getElementById('confirm-new-text').textContent = texts.confirmNewText;
    document.getElementById('confirm-new-yes').textContent = texts.confirmNewYes;
    document.getElementById('confirm-new-no').textContent = texts.confirmNewNo;
    document.getElementById('subtitle').textContent = texts.subtitle;
    document.getElementById('send').textContent = texts.send;
    document.getElementById('new-conversation').textContent = texts.newConversation;
    var exit = document.getElementById('quick-exit');
    exit.textContent = texts.quickExit;
    exit.setAttribute('aria-label', texts.quickExitLabel);
    input.placeholder = texts.placeholder;
    if (texts.maxChars) input.setAttribute('maxlength', String(texts.maxChars));
    return start(false);
  }).catch(function () { setStatus(texts.offline || 'Geen verbinding.'); });
})();
