// The widget's whole checkout flow as a pure state machine.
//
// The ImGui code draws `state()` and turns input into events; `dispatch()`
// returns effects (HTTP requests to make, text to announce through the
// aria-live region, a field to focus, a message for the host page) instead of
// doing any I/O. Nothing here reads a clock or makes randomness: idempotency
// keys come from an injected KeySource.
//
// Stages (the team design notes, ../shared/design.md "Inside the widget", help article words in quotes):
//   loading ─Loaded─> review ─Continue ("Pay Now")─> amount ─Continue─> method
//     ─ChooseMethod─> details ─Submit─> submitting ─> succeeded | declined | failed
//   loading ─LoadFailed─> link_expired | link_revoked | link_unknown |
//                         login_required (with login_url) | load_failed
//   loading ─Loaded(paid/void)─> nothing_due (show the receipt)
// amount is skipped when only the full balance can be paid; method is
// skipped when exactly one method is offered.
//
// Idempotency, per payment ATTEMPT: Submit starts an attempt with a fresh key
// from the KeySource. The attempt's payment request (amount, currency, token
// or saved method) is fixed once its token arrives, and:
//   * no response (NoResponse: timeout, dropped connection) or a response
//     that says the request was not processed (409 in_progress, 429, 5xx):
//     Retry resends the SAME key with the SAME body, so the server replays
//     the stored outcome instead of charging twice; inputs stay locked so the
//     body cannot change under the key;
//   * any processed outcome (succeeded, declined, processing error) or a 4xx
//     refusal: the attempt is over; the next Submit/Retry is a new attempt
//     with a new key (and a new single-use token).
// Submit while submitting is ignored: a double click or Enter pressed twice
// yields exactly one SendPayment effect.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "paywidget/api.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/money.hpp"

namespace pw {

enum class Stage {
    loading,
    load_failed,     // the invoice could not be loaded (network, 5xx): Reload
    link_expired,    // 410 link_expired: practitioner contact, "ask for a new link"
    link_revoked,    // 410 link_revoked
    link_unknown,    // 404 link_unknown
    login_required,  // 403 login_required: the portal login (login_url)
    nothing_due,     // paid or void: the receipt instead of a form
    review,          // the invoice, "Pay Now"
    amount,          // pay in full or pay part now
    method,          // saved card (portal only), new card, bank debit scheme
    details,         // card or bank fields; "Submit"
    submitting,      // spinner, inputs locked
    succeeded,       // live confirmation (also bank debit "processing")
    declined,        // decline message + what to do; inputs kept
    failed,          // see FailureKind
};
std::string_view stage_id(Stage s);  // "loading", "review", ...

enum class ChoiceKind { saved_card, new_card, bank_debit };

struct MethodChoice {
    ChoiceKind kind = ChoiceKind::new_card;
    std::string saved_id;               // saved_card: SavedMethod::id
    BankScheme scheme = BankScheme::ach;  // bank_debit
    friend bool operator==(const MethodChoice&, const MethodChoice&) = default;
};
// The kind of method a choice pays with: a card (saved or new) or a bank debit.
MethodType method_type(const MethodChoice& c);

enum class SubmitPhase { tokenizing, paying };

enum class FailureKind {
    none,
    no_response,       // outcome unknown: Retry reuses the key (inputs locked)
    not_processed,     // 409 in_progress / 429 / 5xx: Retry reuses the key
    processing_error,  // payment.status "failed": Retry is a new attempt
    rejected,          // a 4xx refusal: Back to fix, or Reload
};

// One payment attempt: a key and, once known, the exact request body.
struct Attempt {
    int number = 0;        // 1, 2, ... within this checkout
    std::string key;       // Idempotency-Key
    bool request_ready = false;  // token received (or saved card): body fixed
    PaymentRequest request;
    int sends = 0;         // how often SendPayment was emitted with this key
};

struct CheckoutState {
    Stage stage = Stage::loading;
    std::optional<LinkView> view;  // after Loaded
    ApiError load_error;           // why loading stopped (link/login/network)

    // amount
    bool pay_full = true;
    std::string amount_text;  // as typed for a partial amount
    std::int64_t amount = 0;  // minor units to pay (balance when full)
    std::int64_t remaining_after = 0;  // balance left once `amount` settles (the core's plan)
    Error amount_error;       // from parse_amount / plan_payment (field "amount")

    // method and details
    std::optional<MethodChoice> method;
    bool save_method = false;  // only when view->can_save_method and a new card
    TokenRequest details;      // the payer's inputs; kept after a decline
    bool details_valid = false;  // derived: validate_details (payment_details.hpp)
    Error details_error;       // first problem (validator or server, field named)
    bool method_skipped = false;  // only one method was on offer

    // submitting and outcome
    SubmitPhase phase = SubmitPhase::tokenizing;
    Attempt attempt;
    std::optional<TokenResponse> token;  // of the current attempt
    std::optional<PaymentResponse> result;  // last processed payment response
    DeclineAdvice decline;                  // when stage == declined (or processing_error)
    FailureKind failure = FailureKind::none;
    ApiError failure_error;  // the error response or a synthesized network error
};

// ------------------------------------------------------------------ events
namespace ev {
struct Loaded { LinkView view; };
struct LoadFailed { ApiError error; };  // an error response to the view request
struct Reload {};                       // fetch the invoice again
struct Continue {};                     // review: "Pay Now"; amount: continue
struct ChooseFull {};
struct ChoosePartial { std::string text; AmountSeparators separators; };
struct ChooseMethod { MethodChoice choice; };
struct SetSaveMethod { bool save = false; };
// What the payer typed. The checkout judges it itself with
// validate_details (payment_details.hpp) against the view's `today`.
struct DetailsChanged { TokenRequest details; };
struct Submit {};
struct TokenCreated { TokenResponse token; };
struct TokenFailed { ApiError error; };
struct PaymentDone { PaymentResponse response; };  // any 200 payment response
struct PaymentFailed { ApiError error; };           // an error response to the payment
struct NoResponse {};                               // timeout / network failure, any request
struct Retry {};
struct Back {};
struct PayRemainder {};  // after a partial success: start over on what is left
}  // namespace ev

using Event = std::variant<ev::Loaded, ev::LoadFailed, ev::Reload, ev::Continue, ev::ChooseFull,
                           ev::ChoosePartial, ev::ChooseMethod, ev::SetSaveMethod,
                           ev::DetailsChanged, ev::Submit, ev::TokenCreated, ev::TokenFailed,
                           ev::PaymentDone, ev::PaymentFailed, ev::NoResponse, ev::Retry,
                           ev::Back, ev::PayRemainder>;

// ------------------------------------------------------------------ effects
namespace effect {
struct FetchView {};                             // GET the link / portal invoice view
struct RequestToken { TokenRequest request; };   // POST /api/v1/tokens
struct SendPayment {                             // POST /api/v1/invoices/{id}/payments
    std::string invoice_id;
    std::string key;  // Idempotency-Key header
    PaymentRequest request;
};
struct Announce { std::string text; };           // aria-live region
struct Focus { std::string field; };             // "amount", "number", "cvc", ...
enum class HostEventKind { succeeded, declined };
struct NotifyHost {                              // postMessage to the embedding page
    HostEventKind kind = HostEventKind::succeeded;
    std::string payment_id;
    std::string code;  // decline code; "" for success
};
}  // namespace effect

using Effect = std::variant<effect::FetchView, effect::RequestToken, effect::SendPayment,
                            effect::Announce, effect::Focus, effect::NotifyHost>;

// Returns a fresh Idempotency-Key (e.g. 128 random bits in hex from the
// browser's crypto.getRandomValues). Must satisfy check_idempotency_key.
using KeySource = std::function<std::string()>;

class Checkout {
public:
    explicit Checkout(KeySource keys);

    // The payer's language for what the checkout says (Announce, messages a
    // UI shows): a catalogue locale (messages.hpp); "en" until set.
    void set_locale(std::string locale) { locale_ = std::move(locale); }
    const std::string& locale() const { return locale_; }

    // The first effects: {FetchView}.
    std::vector<Effect> start();
    // Applies one event. Events that make no sense in the current stage
    // (a second Submit, a stale response, a saved card through a link) change
    // nothing and return no effects.
    std::vector<Effect> dispatch(const Event& e);

    const CheckoutState& state() const { return s_; }

    // ---- what a UI needs per state
    bool can_submit() const;        // details complete, amount valid, not in flight
    // Why Submit is disabled, one sentence for beside the button
    // (details_blocker, payment_form.hpp); "" when it is enabled, in flight,
    // or on a screen without a form. In `locale` (messages.hpp).
    std::string submit_hint(std::string_view locale = "en") const;
    bool is_locked() const;         // inputs read-only (in flight / outcome unknown)
    bool can_retry() const;         // a Retry event would do something
    bool can_go_back() const;
    bool partial_available() const;  // the amount stage is offered
    bool can_pay_remainder() const;  // succeeded, balance left, a payment left
    // The methods the method stage offers: saved cards first (portal only),
    // then a new card, then each accepted bank scheme with a mandate text.
    // Which kinds are offered is accepts() (accepted_methods.hpp); a saved
    // method is listed only when the invoice takes its kind.
    std::vector<MethodChoice> method_options() const;
    // Whether the form offers "save this method": the view allows a wallet,
    // and the chosen method is a new one of a kind can_save() keeps.
    bool offers_save_method() const;
    // The mandate text for the chosen bank scheme (nullptr otherwise).
    const MandateText* mandate() const;

private:
    bool on_form() const;  // a details form the payer may submit is on screen
    std::vector<Effect> on(const ev::Loaded&);
    std::vector<Effect> on(const ev::LoadFailed&);
    std::vector<Effect> on(const ev::Reload&);
    std::vector<Effect> on(const ev::Continue&);
    std::vector<Effect> on(const ev::ChooseFull&);
    std::vector<Effect> on(const ev::ChoosePartial&);
    std::vector<Effect> on(const ev::ChooseMethod&);
    std::vector<Effect> on(const ev::SetSaveMethod&);
    std::vector<Effect> on(const ev::DetailsChanged&);
    std::vector<Effect> on(const ev::Submit&);
    std::vector<Effect> on(const ev::TokenCreated&);
    std::vector<Effect> on(const ev::TokenFailed&);
    std::vector<Effect> on(const ev::PaymentDone&);
    std::vector<Effect> on(const ev::PaymentFailed&);
    std::vector<Effect> on(const ev::NoResponse&);
    std::vector<Effect> on(const ev::Retry&);
    std::vector<Effect> on(const ev::Back&);
    std::vector<Effect> on(const ev::PayRemainder&);

    std::vector<Effect> begin_loading();
    // details_valid / details_error from the typed details (new methods) or
    // true for a saved card.
    void judge_details();
    std::vector<Effect> go_to_method();
    std::vector<Effect> begin_attempt();
    std::vector<Effect> continue_attempt();
    std::vector<Effect> send_payment();
    std::vector<Effect> on_link_error(const ApiError& e, bool* handled);
    std::string money_text(std::int64_t minor) const;
    // The input to focus on the chosen method's form: `named` when the form
    // has it, else its first input; "" for a saved card (no inputs).
    std::string form_focus(std::string_view named) const;

    // An error as the payer is told it, in locale_ (messages.hpp).
    std::string say(const ApiError& e) const;
    std::string say(const Error& e) const;

    KeySource keys_;
    CheckoutState s_;
    std::string locale_ = "en";
};

}  // namespace pw
