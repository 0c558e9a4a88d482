// Landing page: shows that the server is alive and what it holds. Text only, never innerHTML.
const messages = {
  vi: {
    lead: 'Đo lường sự hài lòng của người dân, tổ chức đối với dịch vụ hành chính công.',
    statusTitle: 'Trạng thái', server: 'Máy chủ', database: 'Cơ sở dữ liệu', version: 'Phiên bản',
    contentTitle: 'Dữ liệu', units: 'đơn vị hành chính', services: 'thủ tục hành chính',
    centres: 'bộ phận một cửa, trung tâm phục vụ', yearsCaption: 'Số phiếu đánh giá theo năm',
    year: 'Năm', responses: 'Số phiếu', questionnaires: 'Bộ câu hỏi', version_: 'phiên bản',
    linksTitle: 'Liên kết', healthLink: 'tình trạng hoạt động (JSON)',
    metricsLink: 'số liệu vận hành (Prometheus)', overviewLink: 'tổng quan dữ liệu (JSON)',
    apiLink: 'giao diện lập trình (OpenAPI), kèm ví dụ',
    up: 'hoạt động', down: 'không hoạt động', noResponses: 'Chưa có phiếu nào.', switchTo: 'EN',
    switchLabel: 'English',
  },
  en: {
    lead: 'Measuring how satisfied citizens and organisations are with public administrative services.',
    statusTitle: 'Status', server: 'Server', database: 'Database', version: 'Version',
    contentTitle: 'Data', units: 'administrative units', services: 'administrative procedures',
    centres: 'one-stop desks and service centres', yearsCaption: 'Responses by year',
    year: 'Year', responses: 'Responses', questionnaires: 'Questionnaires', version_: 'version',
    linksTitle: 'Links', healthLink: 'health (JSON)', metricsLink: 'operational metrics (Prometheus)',
    overviewLink: 'data overview (JSON)', apiLink: 'the HTTP API (OpenAPI), with examples', up: 'up', down: 'down',
    noResponses: 'No responses yet.',
    switchTo: 'VI', switchLabel: 'Tiếng Việt',
  },
};

let lang = localStorage.getItem('hailong.lang') === 'en' ? 'en' : 'vi';
let health = null;
let overview = null;

const text = (id, value) => { document.getElementById(id).textContent = value; };
const number = (n) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);

function render() {
  const m = messages[lang];
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = m[el.dataset.i18n]; });
  const button = document.getElementById('lang');
  button.textContent = m.switchTo;
  button.setAttribute('aria-label', m.switchLabel);
  if (health) {
    text('status', m[health.status] ?? health.status);
    text('database', m[health.database] ?? health.database);
    text('version', health.version);
  }
  if (overview) {
    text('units', number(overview.units));
    text('services', number(overview.services));
    text('centres', number(overview.centres));
    const body = document.querySelector('#years tbody');
    body.replaceChildren();
    const rows = overview.responsesByYear.length ? overview.responsesByYear : [null];
    for (const y of rows) {
      const tr = document.createElement('tr');
      const year = document.createElement('td');
      const count = document.createElement('td');
      year.textContent = y ? String(y.year) : m.noResponses;
      count.textContent = y ? number(y.responses) : '';
      tr.append(year, count);
      body.append(tr);
    }
    const list = document.getElementById('questionnaires');
    list.replaceChildren();
    for (const q of overview.questionnaires) {
      const li = document.createElement('li');
      li.textContent = `${lang === 'vi' ? q.nameVi : q.nameEn} (${q.code}, ${m.version_} ${q.latestVersion ?? '–'})`;
      list.append(li);
    }
  }
}

async function load() {
  try {
    health = await (await fetch('/health')).json();
  } catch {
    health = { status: 'down', database: 'down', version: '?' };
  }
  try {
    overview = await (await fetch('/api/v1/overview')).json();
  } catch {
    overview = null;
  }
  render();
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('hailong.lang', lang);
  render();
});

render();
load();
