// What the tests type and expect to read, defined once for every e2e file:
// the test processor's everyday cards as a payer types them, USD amounts as
// en-US shows them, and the widget iframe as the pages and the loader make it.

export const VISA = '4242 4242 4242 4242';
export const MASTERCARD = '5555 5555 5555 4444';

// The iframe web/pay-widget.js and the server's pages put the widget in.
export const WIDGET_FRAME = 'iframe[title="Invoice payment"]';

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

// "$1,234.50" for 123450 minor units, computed independently of the widget.
// Money is integers: the amount reaches Intl as an exact decimal string
// ("1234.50"), never as a floating-point division by 100.
export function usd(minor) {
  if (!Number.isSafeInteger(minor)) throw new Error(`e2e: usd() takes integer minor units, got ${minor}`);
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return USD.format(`${minor < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`);
}
