// Thiết bị: kiosk devices of the centres one may manage; add one and show its one-time enrolment code and QR.
import { get, post } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { formatTimestamp, nameOf } from '/lib/i18n.js';
import { announce, attempt, button, confirmDialog, field, form, input, select, submit } from './forms.js';
import { t } from './messages.js';

/** The one-time code, the full enrolment link and its QR code; shown once, right after it is made. */
function enrolmentPanel(device, result, onDone) {
  const url = result.enrolmentUrl;
  const qr = `/api/v1/qr?text=${encodeURIComponent(url)}&format=svg`;
  const panel = h('section', { class: 'panel enrolment', id: 'enrolment', 'aria-labelledby': 'enrolment-title', tabindex: '-1' },
    h('h2', { id: 'enrolment-title' }, t('enrolmentTitle', device.name)),
    h('p', {}, t('enrolmentCode')),
    h('p', { class: 'code', id: 'enrolment-code' }, result.enrolmentCode),
    h('div', { class: 'qr-box', role: 'img', 'aria-label': t('qrAlt', url) },
      h('img', { src: qr, alt: '', id: 'enrolment-qr' })),
    h('p', {}, h('strong', {}, `${t('enrolmentUrl')}: `), h('span', { class: 'url', id: 'enrolment-url' }, url)),
    h('p', { class: 'warning' }, t('enrolmentHint')),
    h('p', {}, button(t('done'), onDone, 'primary')));
  return panel;
}

/** The list and the add form; fresh, when given, is a just-made code to show above them. */
export async function render(view, args, session, fresh) {
  const [devices, centres] = await Promise.all([get('/devices'), get('/centres')]);
  const again = (made) => render(view, args, session, made);
  const slot = h('div', {});
  if (fresh) {
    slot.append(enrolmentPanel(fresh.device, fresh, () => slot.replaceChildren()));
  }
  const rows = devices.map((d) => h('tr', {},
    h('th', { scope: 'row' }, d.name),
    h('td', {}, d.centreName),
    h('td', {}, h('span', { class: `badge ${d.status === 'enrolled' ? 'good' : d.status === 'revoked' ? 'off' : ''}` },
      t(`status_${d.status}`))),
    h('td', {}, d.status === 'awaiting_enrolment' ? formatTimestamp(d.enrolmentExpiresAt) : '–'),
    h('td', {}, formatTimestamp(d.lastSeenAt)),
    h('td', { class: 'actions' },
      button(t('renewCode'), async () => {
        if (d.status === 'enrolled' && !await confirmDialog(t('renewConfirm', d.name), t('renewCode'))) {
          return;
        }
        const result = await attempt(() => post(`/devices/${d.id}/enrolment-code`));
        if (result) {
          await again(result);
        }
      }, 'secondary small'),
      d.status === 'revoked' ? null : button(t('revoke'), async () => {
        if (!await confirmDialog(t('revokeConfirm', d.name), t('revoke'))) {
          return;
        }
        if (await attempt(() => post(`/devices/${d.id}/revoke`))) {
          await again();
          announce(t('revoked'));
        }
      }, 'danger small'))));
  const centreOptions = centres.filter((c) => c.active).map((c) => ({ value: c.id, label: `${nameOf(c)} (${c.code})` }));
  view.replaceChildren(
    h('h1', {}, t('devicesTitle')),
    slot,
    devices.length
      ? tableBox(table(t('devicesTitle'), [t('deviceName'), t('centre'), t('status'), t('codeExpires'), t('lastSeen'), t('actions')], rows))
      : h('p', {}, t('noDevices')),
    h('section', { class: 'panel', 'aria-labelledby': 'add-device' },
      h('h2', { id: 'add-device' }, t('addDevice')),
      centreOptions.length ? form(async (v) => {
        const result = await post('/devices', { centreId: Number(v.centreId), name: v.name });
        await again(result);
      },
      h('div', { class: 'columns' },
        field(t('centre'), select('centreId', centreOptions, centreOptions[0].value)),
        field(t('deviceName'), input('name', { required: true, maxlength: 200 }))),
      h('p', {}, submit(t('add')))) : h('p', {}, t('noCentres'))));
  slot.querySelector('#enrolment')?.focus();
}
