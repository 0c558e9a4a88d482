// Sign-in page: posts the credentials, shows the server's answer, then goes to the admin screens.
import { ApiError, post } from '/lib/api.js';

const messages = {
  vi: {
    title: 'Đăng nhập', username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập',
    pageTitle: 'Đăng nhập · Hài Lòng', switchTo: 'English', switchLang: 'en',
    required: 'Nhập tên đăng nhập và mật khẩu.', wrong: 'Sai tên đăng nhập hoặc mật khẩu.',
    throttled: 'Đăng nhập sai quá nhiều lần; thử lại sau {0} giây.', network: 'Không kết nối được máy chủ.',
    signingIn: 'Đang đăng nhập…',
  },
  en: {
    title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in',
    pageTitle: 'Sign in · Hài Lòng', switchTo: 'Tiếng Việt', switchLang: 'vi',
    required: 'Enter your user name and password.', wrong: 'Wrong user name or password.',
    throttled: 'Too many failed sign-ins; try again in {0} seconds.', network: 'Cannot reach the server.',
    signingIn: 'Signing in…',
  },
};

let lang = localStorage.getItem('hailong.lang') === 'en' ? 'en' : 'vi';
const m = () => messages[lang];
const message = document.getElementById('message');
let lastError = null; // re-said in the other language when the switch is pressed

function render() {
  document.documentElement.lang = lang;
  document.title = m().pageTitle;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = m()[el.dataset.i18n]; });
  const button = document.getElementById('lang');
  button.textContent = m().switchTo;
  button.lang = m().switchLang;
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
    const ours = m().throttled.replace('{0}', e.retryAfter ?? '?');
    show(lang === 'vi' ? `${ours} (${e.message})` : e.message);
  } else if (e.status === 401) {
    show(m().wrong);
  } else if (e.status === 0) {
    show(m().network);
  } else {
    show(e.message);
  }
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('hailong.lang', lang);
  render();
});

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = document.getElementById('username').value.trim();
  const password = document.getElementById('password').value;
  if (!username || !password) {
    show(m().required);
    return;
  }
  const button = event.target.querySelector('button[type=submit]');
  button.disabled = true;
  lastError = null;
  show(m().signingIn);
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
