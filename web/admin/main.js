// The admin shell: who is signed in, navigation by hash (#/units …), language, sign-out.
import { ApiError, del, get, setCsrfToken } from '/lib/api.js';
import { h } from '/lib/dom.js';
import { currentLang, labelLanguageButton, setLang } from '/lib/i18n.js';
import { clearStatus, showError } from './forms.js';
import { t } from './messages.js';
import * as units from './units.js';
import * as devices from './devices.js';
import * as links from './links.js';
import * as questionnaires from './questionnaires.js';
import * as audit from './audit.js';
import * as centres from './centres.js';
import * as catalogue from './catalogue.js';
import * as users from './users.js';
import * as keys from './keys.js';
import * as targets from './targets.js';
import * as password from './password.js';
import * as publications from './publications.js';
import * as reports from './reports.js';
import * as notifications from './notifications.js';
import * as cases from './cases.js';

/** Each section: its hash, its screen module, and the roles that may open it. */
const sections = [
  { path: 'units', screen: units, roles: ['admin', 'analyst', 'agency_manager'] },
  { path: 'devices', screen: devices, roles: ['admin', 'agency_manager'] },
  { path: 'links', screen: links, roles: ['admin', 'analyst', 'agency_manager'] },
  { path: 'questionnaires', screen: questionnaires, roles: ['admin', 'analyst', 'agency_manager'] },
  { path: 'audit', screen: audit, roles: ['admin'] },
  { path: 'centres', screen: centres, roles: ['admin', 'analyst', 'agency_manager'] },
  { path: 'catalogue', screen: catalogue, roles: ['admin', 'analyst', 'agency_manager'] },
  { path: 'users', screen: users, roles: ['admin'] },
  { path: 'keys', screen: keys, roles: ['admin'] },
  { path: 'cases', screen: cases, roles: ['admin', 'analyst', 'agency_manager'] },
  { path: 'targets', screen: targets, roles: ['admin', 'analyst', 'agency_manager'] },
  { path: 'publications', screen: publications, roles: ['admin'] },
  { path: 'reports', screen: reports, roles: ['admin', 'analyst'] },
  { path: 'notifications', screen: notifications, roles: ['admin', 'analyst', 'agency_manager'] },
];

let session = null;

function renderChrome() {
  document.title = t('appTitle');
  document.getElementById('skip').textContent = t('skip');
  labelLanguageButton(document.getElementById('lang'));
  document.getElementById('password-link').textContent = t('changePassword');
  document.getElementById('sign-out').textContent = t('signOut');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('navLabel'));
  const current = location.hash.replace(/^#\/?/, '').split('?')[0].split('/')[0];
  nav.querySelector('ul').replaceChildren(...sections
    .filter((s) => s.roles.includes(session.role))
    .map((s) => h('li', {}, h('a', {
      href: `#/${s.path}`, 'aria-current': s.path === current ? 'page' : null, id: `nav-${s.path}`,
    }, t(`nav_${s.path}`)))));
  document.getElementById('who-name').textContent = session.displayName;
  document.getElementById('who-role').textContent = t(`role_${session.role}`);
  document.getElementById('who').hidden = false;
}

const decodePart = (part) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/** Shows the screen the hash names: #/section/arg1/arg2… */
async function route({ keepStatus = false } = {}) {
  const parts = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').map(decodePart);
  const allowed = sections.filter((s) => s.roles.includes(session.role));
  if (!parts[0]) {
    location.replace(`#/${allowed.length ? allowed[0].path : 'password'}`);
    return;
  }
  renderChrome();
  if (!keepStatus) {
    clearStatus();
  }
  // A fresh view for each screen: a slower screen still loading from before writes into the old one, unseen,
  // rather than over this one.
  const stale = document.getElementById('view');
  const view = stale.cloneNode(false);
  stale.replaceWith(view);
  const section = parts[0] === 'password' ? { screen: password, roles: [session.role] }
    : sections.find((s) => s.path === parts[0]);
  if (!section || !section.roles.includes(session.role)) {
    view.replaceChildren(h('h1', {}, t('forbidden')), h('p', {}, t('noRights')));
    return;
  }
  view.replaceChildren(h('p', {}, t('loading')));
  try {
    await section.screen.render(view, parts.slice(1), session);
  } catch (e) {
    view.replaceChildren(h('h1', {}, t(e instanceof ApiError && e.status === 404 ? 'notFound' : 'failed')));
    showError(e);
  }
}

async function start() {
  setLang(currentLang());
  try {
    session = await get('/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      location.replace(`/login.html?next=${encodeURIComponent(location.pathname + location.hash)}`);
      return;
    }
    throw e;
  }
  setCsrfToken(session.csrfToken);
  document.getElementById('lang').addEventListener('click', () => {
    setLang(currentLang() === 'vi' ? 'en' : 'vi');
    route();
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    try {
      await del('/session');
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) {
        showError(e);
        return;
      }
    }
    location.assign('/login.html');
  });
  // The skip link must not change the hash: the hash is the route.
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('view').focus();
  });
  window.addEventListener('hashchange', () => route());
  await route();
}

start();
