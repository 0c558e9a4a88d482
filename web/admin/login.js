// The sign-in page (/login.html): posts the credentials, shows the server's answer, then goes where it was asked.
import { ApiError, post } from '/lib/api.js';
import { currentLang, labelLanguageButton, setLang, translate } from '/lib/i18n.js';
import { messages, t } from './messages.js';

const message = document.getElementById('message');
let lastError = null; // re-said in the other language when the switch is pressed

function render() {
  document.documentElement.lang = currentLang();
  document.title = t('loginTitle');
  translate(document, messages[currentLang()]);
  labelLanguageButton(document.getElementById('lang'));
  if (lastError) {
    explain(lastError);
  }
}

/** Where to go after signing in: ?next= when it is a path on this site, else the admin screens. */
function destination() {
  const next = new URLSearchParams(location.search).get('next');
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    const url = new URL(next, location.origin);
    if (url.origin === location.origin) {
      return url.pathname + url.search + url.hash;
    }
  }
  return '/admin/';
}

function show(text) {
  message.textContent = text;
}

/** Says why signing in failed: in the chosen language, with the server's own words where it has more to say. */
function explain(e) {
  if (e.status === 429) {
    const ours = t('signInThrottled', e.retryAfter ?? '?');
    show(currentLang() === 'vi' ? `${ours} (${e.message})` : e.message);
  } else if (e.status === 401) {
    show(t('signInWrong'));
  } else if (e.status === 0) {
    show(t('network'));
  } else {
    show(e.message);
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(currentLang() === 'vi' ? 'en' : 'vi');
  render();
});

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = document.getElementById('username').value.trim();
  const password = document.getElementById('password').value;
  if (!username || !password) {
    show(t('signInRequired'));
    return;
  }
  const button = event.target.querySelector('button[type=submit]');
  button.disabled = true;
  lastError = null;
  show(t('signingIn'));
  try {
    await post('/session', { username, password });
    location.assign(destination());
  } catch (e) {
    if (!(e instanceof ApiError)) {
      throw e;
    }
    lastError = e;
    explain(e);
    document.getElementById('password').select();
  } finally {
    button.disabled = false;
  }
});

render();
