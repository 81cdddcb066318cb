#include "services/smtp_delivery.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>

namespace pws {

namespace {

// curl_global_init is not safe to race with other curl calls on older
// libcurls: run it once, the first time a worker sends mail.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
    const std::string* data;
    std::size_t offset = 0;
};

// libcurl pulls the message through this; it dot-stuffs lines itself.
std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t left = up->data->size() - up->offset;
    const std::size_t n = left < room ? left : room;
    std::memcpy(buffer, up->data->data() + up->offset, n);
    up->offset += n;
    return n;
}

// "<addr>" with anything that could break the SMTP command line removed.
std::string angle_address(const std::string& address) {
    std::string clean;
    for (char c : address)
        if (static_cast<unsigned char>(c) > 0x20 && c != '<' && c != '>' && c != 0x7f) clean += c;
    return "<" + clean + ">";
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// A refusal the server itself sent, as opposed to a transport failure.
bool is_refusal(CURLcode code, long smtp_reply) {
    return code == CURLE_LOGIN_DENIED || code == CURLE_REMOTE_ACCESS_DENIED || smtp_reply >= 400;
}

pw::Error unreachable(const std::string& where, const std::string& reason) {
    return pw::make_error("smtp_unreachable", "",
                          "The email was not sent: the mail server at " + where + " could not be reached (" + reason +
                              "). Check the server's SMTP settings (--smtp-url) and that the mail server is running "
                              "and reachable, then send again.");
}

pw::Error rejected(const std::string& where, CURLcode code, long smtp_reply, const std::string& reason) {
    const std::string reply = smtp_reply > 0 ? "SMTP " + std::to_string(smtp_reply) + ": " : "";
    if (code == CURLE_LOGIN_DENIED)
        return pw::make_error("smtp_rejected", "",
                              "The email was not sent: the mail server at " + where + " refused the login (" + reply +
                                  reason + "). Check --smtp-user and PAYWIDGET_SMTP_PASSWORD, then send again.");
    return pw::make_error("smtp_rejected", "",
                          "The email was not sent: the mail server at " + where + " refused it (" + reply + reason +
                              "). Check the recipient's email address and the sender the server accepts "
                              "(--smtp-from), then send again.");
}

}  // namespace

std::string smtp_url_problem(const std::string& url) {
    std::string rest;
    if (starts_with(url, "smtp://")) rest = url.substr(7);
    else if (starts_with(url, "smtps://")) rest = url.substr(8);
    else return "The SMTP URL must start with smtp:// or smtps:// (for example smtp://mail.example.com:587).";
    const std::size_t at = rest.rfind('@');
    if (at != std::string::npos) return "Put the SMTP login in --smtp-user and PAYWIDGET_SMTP_PASSWORD, not in the URL.";
    if (rest.empty() || rest[0] == '/' || rest[0] == ':') return "The SMTP URL has no host name.";
    for (char c : rest)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "The SMTP URL contains spaces or control characters.";
    return "";
}

bool smtp_tls_required(const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return true;
    std::string authority = url.substr(scheme + 3);
    authority = authority.substr(0, authority.find('/'));
    if (const std::size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
    std::string host;
    if (!authority.empty() && authority[0] == '[') host = authority.substr(0, authority.find(']') + 1);
    else host = authority.substr(0, authority.find(':'));
    for (char& ch : host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (host == "localhost" || host == "[::1]") return false;
    // 127.0.0.0/8: four dot-separated decimal parts, the first 127.
    if (!starts_with(host, "127.")) return true;
    int parts = 2;  // "127." already holds the first part and its dot
    for (std::size_t i = 4; i < host.size(); ++i) {
        if (host[i] == '.') ++parts;
        else if (host[i] < '0' || host[i] > '9') return true;
    }
    return parts != 4;
}

std::string smtp_url_for_display(const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const std::size_t host = scheme + 3;
    const std::size_t end = url.find('/', host);
    const std::size_t at = url.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at == std::string::npos || at < host) return url;
    return url.substr(0, host) + url.substr(at + 1);
}

pw::Error send_smtp(const SmtpSettings& settings, const SmtpEnvelope& envelope, const std::string& mime) {
    const std::string where = smtp_url_for_display(settings.url);
    if (const std::string problem = smtp_url_problem(settings.url); !problem.empty())
        return unreachable(where, problem.substr(0, problem.size() - 1));
    init_curl_once();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return unreachable(where, "the mail library could not start");
    CURL* c = curl.get();

    const std::string from = angle_address(envelope.mail_from);
    struct curl_slist* rcpt = curl_slist_append(nullptr, angle_address(envelope.rcpt_to).c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_list(rcpt, curl_slist_free_all);
    Upload upload{&mime};
    char error_text[CURL_ERROR_SIZE] = {0};

    curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
    // Only SMTP, whatever the URL or a redirect says.
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     static_cast<long>(smtp_tls_required(settings.url) ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt_list.get());
    if (!settings.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.total_timeout.count()));
    // Worker threads: timeouts must not use signals.
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

    const CURLcode code = curl_easy_perform(c);
    if (code == CURLE_OK) return {};
    long smtp_reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtp_reply);
    const std::string reason = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    if (is_refusal(code, smtp_reply)) return rejected(where, code, smtp_reply, reason);
    return unreachable(where, reason);
}

}  // namespace pws
