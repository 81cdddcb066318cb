// The runtime's host (wasm/runtime/host.hpp) for the native tests: a clock
// the harness steps one 60 Hz frame at a time, HTTP that keeps every request
// until a test answers it, a page that records what the widget told it, and
// catalogues that are all compiled in.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "host.hpp"
#include "paywidget/messages.hpp"

namespace pwtest {

class FakeClock final : public pwui::Clock {
public:
    double now_ms() override { return now_; }
    void advance(double ms) { now_ += ms; }

private:
    double now_ = 0;
};

class FakeHttp final : public pwui::Http {
public:
    struct Sent {
        pwui::HttpRequest request;
        pwui::HttpCallback done;
        bool answered = false;
    };
    void send(const pwui::HttpRequest& request, pwui::HttpCallback done) override {
        sent_.push_back(Sent{request, std::move(done)});
    }
    const std::vector<Sent>& sent() const { return sent_; }
    // Answers the latest request not answered yet; false when there is none.
    bool answer_latest(const pwui::HttpResponse& response) {
        for (auto it = sent_.rbegin(); it != sent_.rend(); ++it) {
            if (it->answered) continue;
            it->answered = true;
            pwui::HttpCallback done = std::move(it->done);
            done(response);
            return true;
        }
        return false;
    }

private:
    std::vector<Sent> sent_;
};

class FakePage final : public pwui::Page {
public:
    struct Notice {
        std::string type;
        std::string json;
    };
    void notify(const std::string& type, const std::string& json) override { notices.push_back({type, json}); }
    void navigate(const std::string& path, bool new_tab) override {
        navigated_to = path;
        navigated_new_tab = new_tab;
    }
    void set_document_lang(const std::string& locale, const std::string& frame_label) override {
        lang = locale;
        title = frame_label;
    }
    void mark(const char* milestone) override { marks.emplace_back(milestone); }

    std::vector<Notice> notices;
    std::string navigated_to;
    bool navigated_new_tab = false;
    std::string lang, title;
    std::vector<std::string> marks;
};

// The native build has every catalogue compiled in: a language is there at
// once, or never (the runtime then speaks en, as with a missing file).
class FakeCatalogues final : public pwui::Catalogues {
public:
    void load(const std::string& locale, std::function<void(bool loaded)> done) override {
        done(pw::has_catalogue(locale));
    }
};

}  // namespace pwtest
