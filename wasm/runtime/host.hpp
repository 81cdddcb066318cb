// What the widget's runtime asks of the world around it, as small
// interfaces: the browser implements them (browser_services.hpp), the native
// tests fake them (tests/widget/fake_host.hpp). Everything else the runtime
// needs (the accessibility mirror, the text inputs, the locale's formats)
// already builds natively and is used as it is.
#pragma once

#include <functional>
#include <string>

#include "http.hpp"
#include "paywidget/checkout.hpp"

namespace pwui {

// Milliseconds from an arbitrary origin (performance.now() in the browser).
class Clock {
public:
    virtual ~Clock() = default;
    virtual double now_ms() = 0;
};

// The page around the widget.
class Page {
public:
    virtual ~Page() = default;
    // A page event (web/embed.js turns it into postMessage): `type` "ready",
    // "succeeded", "declined", "error"; `json` an object (never card data).
    virtual void notify(const std::string& type, const std::string& json) = 0;
    // A same-origin path (login_url), a receipt in a new tab, mailto:/tel:.
    virtual void navigate(const std::string& path, bool new_tab) = 0;
    // The frame's lang attribute and its accessible title, in `locale`.
    virtual void set_document_lang(const std::string& locale, const std::string& frame_label) = 0;
    // A start-up milestone for scripts/bench (performance.mark).
    virtual void mark(const char* milestone) = 0;
};

// The message catalogues the widget speaks: en is compiled in, another
// language may be a file still on its way.
class Catalogues {
public:
    virtual ~Catalogues() = default;
    // Makes `locale`'s messages available, then calls `done(loaded)` once
    // (maybe at once): false when they cannot be had.
    virtual void load(const std::string& locale, std::function<void(bool loaded)> done) = 0;
};

struct RuntimeHost {
    Clock& clock;
    pw::KeySource keys;  // idempotency keys (crypto.getRandomValues in the browser)
    Http& http;
    Page& page;
    Catalogues& catalogues;
};

}  // namespace pwui
