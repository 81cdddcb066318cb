// The browser's side of the runtime's host (runtime/host.hpp): the clock is
// performance.now(), HTTP is fetch() (fetch_bridge), the page is the
// document and web/embed.js (page events, navigation, lang, performance
// marks), catalogues come through catalogue_loader. Browser only.
#pragma once

#include "host.hpp"

namespace pwui {

class BrowserServices final : public Clock, public Http, public Page, public Catalogues {
public:
    double now_ms() override;
    void send(const HttpRequest& request, HttpCallback done) override;
    void notify(const std::string& type, const std::string& json) override;
    void navigate(const std::string& path, bool new_tab) override;
    void set_document_lang(const std::string& locale, const std::string& frame_label) override;
    void mark(const char* milestone) override;
    void load(const std::string& locale, std::function<void(bool loaded)> done) override;

    // The whole host: these services and crypto.getRandomValues keys.
    RuntimeHost host();
};

}  // namespace pwui
