// Type declarations for pay-widget.js, the loader served by the payment host
// at /pay-widget.js. It defines one global, `PayWidget`:
//
//   <script src="https://pay.example.com/pay-widget.js"></script>
//   const widget = PayWidget.mount('#pay', {
//     practice: 'prc_…', link: token,
//     onSuccess: (p) => show(`Thank you — payment ${p.payment_id} received`),
//   });
//   widget.update({ theme: 'dark' });   // no reload
//   widget.unmount();
//
// Card data never reaches the host page: the form runs in an iframe on the
// payment host, and the events below carry only these fields.

/** Display options: given at mount, changed live with `handle.update()`. */
export interface PayWidgetDisplayOptions {
  /** Colour preset. Default "light". */
  theme?: 'light' | 'dark';
  /**
   * BCP 47 language tag for the widget's words, amounts and dates, e.g. "fr", "fr-CA", "es-MX".
   * The closest supported language is used (en, fr, fr-CA, es; else English).
   * Default: the payer's browser languages (navigator.languages).
   */
  locale?: string;
  /** Accent colour of buttons, links and focus rings, "#rrggbb". A colour that would not read at 4.5:1
   * (WCAG AA) against the background or the button's text is darkened (lightened on dark) until it does. */
  accent?: string;
  /** Corner radius in CSS pixels, 0 to 24. Default 8. */
  radius?: number;
  /** Text size multiplier, 0.8 to 1.5. Default 1. Text is never drawn smaller than at 1 (16 px body,
   * 14 px secondary): values below 1 are accepted and draw at 1. */
  font_scale?: number;
}

/** `ready`: the widget shows its first screen; the loading placeholder is gone. */
export interface PayWidgetReadyEvent {
  /**
   * The first screen: "review" (the invoice is payable), or a link state
   * such as "link_expired" or "login_required" (then `onError` follows), or
   * "unavailable" when the browser cannot run the widget.
   */
  stage: string;
  /** Present when the invoice loaded: "inv_…". */
  invoice_id?: string;
  /** Present when the invoice loaded: the balance due, in minor units. */
  balance?: number;
  /** Present when the invoice loaded: ISO 4217 code. */
  currency?: string;
  /**
   * Present when the invoice loaded: the currency's ISO 4217 minor-unit
   * digits (2 for USD, 0 for JPY, 3 for IQD). Format amounts with it, not
   * with Intl's `maximumFractionDigits` (CLDR's digits differ for some
   * currencies, e.g. IQD), and with integer or string arithmetic only.
   */
  exponent?: number;
  /** Present when the invoice loaded: "open", "partially_paid", "paid" or "void". */
  invoice_status?: string;
  /** Present when the invoice has a payment: the latest receipt page on the payment host. */
  receipt_url?: string;
}

/** `resize`: the widget's content height; the iframe already has it. */
export interface PayWidgetResizeEvent {
  /** CSS pixels. */
  height: number;
}

/** `payment.succeeded`: a payment went through (or, for a bank debit, was accepted and is processing). */
export interface PayWidgetSuccessEvent {
  /** "pay_…" */
  payment_id: string;
  /** "inv_…" */
  invoice_id: string;
  /** Amount paid, in minor units of `currency` (cents for USD). */
  amount: number;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
  /** "succeeded", or "processing" for a bank debit that has not settled yet. */
  status: string;
  /** What is still owed on the invoice after this payment, in minor units. */
  balance: number;
  /** The currency's ISO 4217 minor-unit digits (see PayWidgetReadyEvent.exponent). */
  exponent: number;
  /** The invoice after this payment: "partially_paid" or "paid". */
  invoice_status: string;
  /** How the payer paid, without digits: "Visa", "US bank account". */
  method: string;
  /** This payment's receipt page on the payment host. */
  receipt_url: string;
  /** Only when `status` is "processing": the business days within which the debit usually settles. */
  settles_within_business_days?: number;
}

/** `payment.declined`: the payer was told why, and can try another method. */
export interface PayWidgetDeclineEvent {
  /** The declined attempt, "pay_…". */
  payment_id: string;
  /** Decline code from docs/api.md, e.g. "card_declined", "insufficient_funds". */
  code: string;
  /** The sentence the payer saw. */
  message: string;
}

/** `error`: something the payer cannot fix in the form. */
export interface PayWidgetErrorEvent {
  /**
   * An API error code (e.g. "link_expired", "login_required"),
   * "widget_unavailable" when the browser cannot run the widget, or
   * "load_timeout" when it did not load within 20 s (often: this site's
   * origin is not in the practice's embed origins).
   */
  code: string;
  message: string;
}

export interface PayWidgetOptions extends PayWidgetDisplayOptions {
  /**
   * Your practice id, "prc_…": the payment host lets only your practice's
   * embed origins frame the widget. Required unless the page is on the
   * payment host itself.
   */
  practice?: string;
  /** The pay link's token (from the /pay/<token> link). Exactly one of `link` and `invoice`. */
  link?: string;
  /** An invoice id, for a signed-in client portal session. Exactly one of `link` and `invoice`. */
  invoice?: string;
  /** The payment host, e.g. "https://pay.example.com". Default: where pay-widget.js was loaded from. */
  host?: string;
  onReady?: (event: PayWidgetReadyEvent) => void;
  onResize?: (event: PayWidgetResizeEvent) => void;
  onSuccess?: (event: PayWidgetSuccessEvent) => void;
  onDecline?: (event: PayWidgetDeclineEvent) => void;
  onError?: (event: PayWidgetErrorEvent) => void;
}

export interface PayWidgetHandle {
  /** Removes the widget (iframe and placeholder) from the page. Safe to call twice. */
  unmount(): void;
  /**
   * Display options and callbacks apply at once, without a reload. A new
   * `link`, `invoice`, `practice` or `host` replaces the widget with a new one.
   * Throws a TypeError naming the option when one is invalid.
   */
  update(options: Partial<PayWidgetOptions>): PayWidgetHandle;
}

export interface PayWidgetStatic {
  /** The postMessage protocol version (1). */
  readonly version: number;
  /**
   * Shows the widget inside `target` (an element or a CSS selector). The
   * iframe is created when the element comes near the viewport. Throws a
   * TypeError whose message names the invalid option, e.g.
   * "PayWidget.mount: options.link or options.invoice is required …".
   */
  mount(target: Element | string, options: PayWidgetOptions): PayWidgetHandle;
}

declare global {
  interface Window {
    PayWidget: PayWidgetStatic;
  }
  const PayWidget: PayWidgetStatic;
}
