// Hands an already-rendered MIME message (services/outbox.hpp's
// render_mime: the same bytes the outbox writes as .eml) to an SMTP server
// with libcurl. It knows nothing about the App, so tests can point it at a
// loopback server directly.
//
// smtp://host:port must upgrade to TLS with STARTTLS (a server that does
// not offer it, or a man in the middle who strips the offer, gets nothing:
// smtp_unreachable), except a mail server on this machine (localhost,
// 127.0.0.0/8, ::1), a local relay that usually has no certificate;
// smtps://host:port is TLS from the first byte. Certificates are verified.
// Nothing here logs, and no error carries the message body.
#pragma once

#include <chrono>
#include <string>

#include "paywidget/result.hpp"

namespace pws {

struct SmtpSettings {
    std::string url;       // smtp://host:port or smtps://host:port
    std::string user;      // "" : no AUTH
    std::string password;  // from PAYWIDGET_SMTP_PASSWORD, never the command line
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds total_timeout{15000};  // the whole conversation
};

struct SmtpEnvelope {
    std::string mail_from;  // bare address, e.g. billing@pay.example
    std::string rcpt_to;    // bare address
};

// "" when `url` is a usable smtp:// or smtps:// URL with a host; otherwise
// what is wrong with it, in a sentence (for start-up errors).
std::string smtp_url_problem(const std::string& url);

// True unless the URL's host is a loopback name or address: then STARTTLS
// is only attempted. Login and messages never cross a network in clear.
bool smtp_tls_required(const std::string& url);

// The URL without any user:password@ part, for logs and records.
std::string smtp_url_for_display(const std::string& url);

// Sends `mime` (CRLF line endings, headers + body). Errors:
//   smtp_unreachable (HTTP 502): no connection, TLS failure, timeout,
//     the connection dropped: check the URL, that the server runs, the network.
//   smtp_rejected (HTTP 502): the server answered with a refusal (bad
//     login, sender or recipient refused, message refused); the message
//     names the SMTP reply code.
pw::Error send_smtp(const SmtpSettings& settings, const SmtpEnvelope& envelope, const std::string& mime);

}  // namespace pws
