// Sign-in page: posts the credentials, shows the server's answer, then goes to the admin screens.
import { ApiError, post } from './api.js';

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

function render() {
  document.documentElement.lang = lang;
  document.title = m().pageTitle;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = m()[el.dataset.i18n]; });
  const button = document.getElementById('lang');
  button.textContent = m().switchTo;
  button.lang = m().switchLang;
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
  show(m().signingIn);
  try {
    await post('/session', { username, password });
    location.assign(destination());
  } catch (e) {
    if (!(e instanceof ApiError)) {
      throw e;
    }
    if (e.status === 429) {
      // The server's own words, plus ours in the chosen language.
      show(`${m().throttled.replace('{0}', e.retryAfter ?? '?')} (${e.message})`);
    } else if (e.status === 401) {
      show(lang === 'vi' ? m().wrong : e.message);
    } else if (e.status === 0) {
      show(m().network);
    } else {
      show(e.message);
    }
    document.getElementById('password').select();
  } finally {
    button.disabled = false;
  }
});

render();
