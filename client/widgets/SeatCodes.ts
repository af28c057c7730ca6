import { joinLink } from '../app/route.ts';
import { t } from '../i18n/i18n.ts';
import type { JoinCodes } from '../net/controlApi.ts';
import { el, replaceChildren, setText, type Child } from '../ui/el.ts';
import { qrCanvas } from './QrCode.ts';

export interface SeatOrganisation {
  readonly id: string;
  readonly name: string;
  readonly simulated: boolean;
  readonly online: number;
}

/**
 * Join codes and links for every seat, each with a QR code to put on the projector for a class, and a way
 * to replace a code that leaked. The server sends the codes to Control's connections only.
 */
export class SeatCodes {
  readonly element = el('section', { class: 'seat-codes stack' });
  private readonly dialog = el('dialog', { class: 'dialog qr-dialog' });
  private key = '';

  constructor(
    private readonly exerciseId: string,
    private readonly reissue: (seat: string) => void,
  ) {
    document.body.append(this.dialog);
  }

  update(codes: JoinCodes | undefined, organisations: readonly SeatOrganisation[]): void {
    const key = JSON.stringify([codes, organisations]);
    if (key === this.key) return;
    this.key = key;
    if (!codes) return replaceChildren(this.element, [el('p', { class: 'empty', text: t('seats.codesHidden') })]);
    const origin = location.origin;
    const row = (seat: string, label: string, code: string, kind: 'join' | 'screen' | 'control', extra?: Child) =>
      this.row(seat, label, code, joinLink(origin, code, this.exerciseId, kind), extra);
    const online = (o: SeatOrganisation) =>
      el('span', { class: o.online > 0 ? 'online-count on' : 'online-count', text: t('seats.online', { n: o.online }) });
    replaceChildren(this.element, [
      el('div', { class: 'seat-group' }, [
        row('class', t('seats.class'), codes.class, 'join', el('span', { class: 'seat-hint', text: t('seats.classHint') })),
        row('screen', t('seats.screen'), codes.screen, 'screen'),
      ]),
      el('h3', { class: 'section-title', text: t('seats.played') }),
      el(
        'div',
        { class: 'seat-group' },
        organisations
          .filter((o) => !o.simulated && codes.organisations[o.id])
          .map((o) => row(o.id, o.name, codes.organisations[o.id]!, 'join', online(o))),
      ),
      el('h3', { class: 'section-title', text: t('seats.evaluator') }),
      el('div', { class: 'seat-group' }, [
        row('evaluator', t('seats.evaluator'), codes.evaluator, 'join'),
        row('observer', t('seats.observer'), codes.observer, 'join'),
        row('control', t('seats.control'), codes.control, 'control'),
      ]),
      organisations.some((o) => o.simulated) ? el('h3', { class: 'section-title', text: t('seats.simulatedOrgs') }) : null,
      el(
        'div',
        { class: 'seat-group' },
        organisations
          .filter((o) => o.simulated && codes.organisations[o.id])
          .map((o) => row(o.id, o.name, codes.organisations[o.id]!, 'join')),
      ),
    ]);
  }

  destroy(): void {
    this.dialog.remove();
  }

  private row(seat: string, label: string, code: string, link: string, extra?: Child): HTMLElement {
    const copy = el('button', { class: 'button small ghost', text: t('seats.copy'), attrs: { type: 'button' } });
    copy.addEventListener('click', () => void copyText(link).then(() => flash(copy, t('seats.copied'), t('seats.copy'))));
    const qr = el('button', {
      class: 'button small',
      text: t('seats.qr'),
      attrs: { type: 'button' },
      on: { click: () => this.showQr(label, code, link) },
    });
    const renew = el('button', {
      class: 'button small ghost',
      text: t('seats.reissue'),
      attrs: { type: 'button', title: t('seats.reissueHint') },
      on: { click: () => this.reissue(seat) },
    });
    return el('div', { class: 'seat-row', attrs: { 'data-code': code } }, [
      el('div', { class: 'seat-label' }, [el('span', { text: label }), extra]),
      el('a', { class: 'seat-code', text: code, attrs: { href: link, target: '_blank', rel: 'noopener' } }),
      el('div', { class: 'seat-actions' }, [copy, qr, renew]),
    ]);
  }

  private showQr(label: string, code: string, link: string): void {
    const close = el('button', {
      class: 'button',
      text: t('seats.close'),
      attrs: { type: 'button' },
      on: { click: () => this.dialog.close() },
    });
    replaceChildren(this.dialog, [
      el('h2', { class: 'qr-title', text: label }),
      el('p', { class: 'hint', text: t('seats.scan') }),
      el('div', { class: 'qr-frame' }, [qrCanvas(link, 360)]),
      el('div', { class: 'qr-code', text: code }),
      el('div', { class: 'qr-link', text: link }),
      el('div', { class: 'button-row end' }, [close]),
    ]);
    this.dialog.showModal();
    close.focus();
  }
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Not a secure context (http on a LAN address): the old way still works.
    const area = el('textarea', { attrs: { readonly: true } });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

function flash(button: HTMLButtonElement, text: string, back: string): void {
  setText(button, text);
  window.setTimeout(() => setText(button, back), 1500);
}
