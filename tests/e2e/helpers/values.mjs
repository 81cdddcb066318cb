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
  return USD.format(decimal(minor));
}

// "1234.50" (and "-45.50") for 123450 (-4550) minor units of a two-decimal
// currency: what a person types into an amount field and what the CSV
// export writes, made from the digits, never by dividing a float.
export function decimal(minor) {
  if (!Number.isSafeInteger(minor)) throw new Error(`e2e: takes integer minor units, got ${minor}`);
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

// The widget's submit button names the amount ("Pay $56.00", after a
// decline "Try again: Pay $56.00"); tests that do not pin the amount find it
// by these. "Pay Now" and "Pay the remaining …" never match.
export const SUBMIT_PAYMENT = /^Pay \S*\d\S*$/;
export const RETRY_PAYMENT = /^Try again: Pay \S*\d\S*$/;
