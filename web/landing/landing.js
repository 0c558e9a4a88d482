// The landing page for staff: where to go, in Vietnamese or English (never both at once). Text only, never innerHTML.
import { currentLang, labelLanguageButton, setLang, translate } from '/lib/i18n.js';
import { messages } from './messages.js';

// The same choice as the sign-in page, the admin screens, the dashboard and the report.
function render() {
  const m = messages[currentLang()];
  document.documentElement.lang = currentLang();
  document.title = m.pageTitle;
  translate(document, m);
  labelLanguageButton(document.getElementById('lang'));
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(currentLang() === 'vi' ? 'en' : 'vi');
  render();
});

render();
