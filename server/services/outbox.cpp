#include "services/outbox.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "security/random.hpp"
#include "services/api_records.hpp"
#include "services/smtp_delivery.hpp"

namespace pws {

namespace fs = std::filesystem;

namespace {

std::string base64(std::string_view in) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// One header line's value: control characters become spaces (no CR/LF
// injection); anything non-ASCII is sent as an RFC 2047 encoded word.
std::string header_value(std::string_view v) {
    std::string clean;
    bool ascii = true;
    for (char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) clean += ' ';
        else clean += c;
        if (u >= 0x80) ascii = false;
    }
    if (ascii) return clean;
    return "=?UTF-8?B?" + base64(clean) + "?=";
}

// "Name <addr>" with the name quoted (or encoded) and the address cleaned.
std::string mailbox(std::string_view name, std::string_view address) {
    std::string addr;
    for (char c : address)
        if (static_cast<unsigned char>(c) > 0x20 && c != '<' && c != '>' && c != '"' && c != 0x7f) addr += c;
    std::string n = header_value(name);
    if (n.rfind("=?", 0) != 0) {
        std::string quoted = "\"";
        for (char c : n) {
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
        }
        n = quoted + "\"";
    }
    return n + " <" + addr + ">";
}

// CRLF line endings, as RFC 5322 wants them on the wire.
std::string crlf(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

std::string rfc5322_date(UnixTime t) {
    // "2025-01-15T09:30:00Z" -> "15 Jan 2025 09:30:00 +0000" (weekday optional).
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string iso = rec::format_instant(t);
    const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
    return iso.substr(8, 2) + " " + kMonths[(month - 1) % 12] + " " + iso.substr(0, 4) + " " + iso.substr(11, 8) +
           " +0000";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

// "Dr. Maya Chen via paywidget" when the platform sends on the
// practitioner's behalf.
constexpr std::string_view kViaSuffix = " via paywidget";

// The id part of Message-ID lives in the sending domain (spam filters
// penalise a Message-ID from a domain that is not the sender's).
std::string message_id_domain(const std::string& address) {
    const std::size_t at = address.rfind('@');
    std::string domain;
    if (at != std::string::npos)
        for (char c : address.substr(at + 1))
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-')
                domain += c;
    return domain.empty() ? "paywidget.invalid" : domain;
}

OutboxEmail new_record(App& app, const EmailMessage& m) {
    OutboxEmail record;
    record.id = random_id("eml_");
    record.practice_id = m.practice_id;
    record.invoice_id = m.invoice_id;
    record.to = m.to_email;
    record.subject = m.subject;
    record.created_at = app.now();
    return record;
}

std::string mime_for(App& app, const EmailMessage& m, const OutboxEmail& record) {
    const std::string& sender = app.config.smtp_from;
    const std::string id = record.id + "@" + message_id_domain(sender.empty() ? m.from_email : sender);
    return render_mime(m, sender, id, record.created_at);
}

pw::Error insert_record(App& app, const OutboxEmail& record) {
    return app.store->write_transaction([&](WriteTxn& t) { return t.insert_outbox(record); });
}

pw::Result<OutboxEmail> write_eml(App& app, const EmailMessage& m) {
    using R = pw::Result<OutboxEmail>;
    OutboxEmail record = new_record(app, m);
    const std::string eml = mime_for(app, m, record);
    std::error_code ec;
    const fs::path dir(app.config.outbox_dir);
    fs::create_directories(dir, ec);
    if (ec) return R::failure("outbox_unwritable", "outbox", "Cannot create the outbox directory.");
    const fs::path final_path = dir / (record.id + ".eml");
    const fs::path temp_path = dir / (record.id + ".eml.tmp");
    {
        std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
        out << eml;
        out.flush();
        if (!out) return R::failure("outbox_unwritable", "outbox", "Cannot write to the outbox.");
    }
    fs::rename(temp_path, final_path, ec);
    if (ec) return R::failure("outbox_unwritable", "outbox", "Cannot write to the outbox.");
    record.path = final_path.string();
    return R::success(std::move(record));
}

pw::Result<OutboxEmail> send_by_smtp(App& app, const EmailMessage& m) {
    using R = pw::Result<OutboxEmail>;
    OutboxEmail record = new_record(app, m);
    SmtpSettings settings;
    settings.url = app.config.smtp_url;
    settings.user = app.config.smtp_user;
    settings.password = app.config.smtp_password;
    SmtpEnvelope envelope;
    envelope.mail_from = app.config.smtp_from.empty() ? m.from_email : app.config.smtp_from;
    envelope.rcpt_to = m.to_email;
    if (pw::Error e = send_smtp(settings, envelope, mime_for(app, m, record))) {
        // The operator's view; the caller answers the practitioner. Never the body.
        std::fprintf(stderr, "email %s: %s: %s\n", record.id.c_str(), e.code.c_str(), e.message.c_str());
        return R::failure(e);
    }
    record.path = smtp_url_for_display(settings.url);
    return R::success(std::move(record));
}

}  // namespace

std::string render_mime(const EmailMessage& m, const std::string& sender, const std::string& message_id,
                        UnixTime date) {
    const std::string boundary = "pw-" + random_token(16);
    const bool on_behalf = !sender.empty() && sender != m.from_email;
    std::string eml;
    if (on_behalf) {
        eml += "From: " + mailbox(m.from_name + std::string(kViaSuffix), sender) + "\n";
        eml += "Reply-To: " + mailbox(m.from_name, m.from_email) + "\n";
    } else {
        eml += "From: " + mailbox(m.from_name, m.from_email) + "\n";
    }
    eml += "To: " + mailbox(m.to_name, m.to_email) + "\n";
    eml += "Subject: " + header_value(m.subject) + "\n";
    eml += "Date: " + rfc5322_date(date) + "\n";
    eml += "Message-ID: <" + header_value(message_id) + ">\n";
    eml += "MIME-Version: 1.0\n";
    eml += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\n\n";
    eml += "--" + boundary + "\n";
    eml += "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n";
    eml += m.text + "\n";
    eml += "--" + boundary + "\n";
    eml += "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n";
    eml += m.html + "\n";
    eml += "--" + boundary + "--\n";
    return crlf(eml);
}

pw::Result<Delivery> deliver_email(App& app, const EmailMessage& m) {
    using R = pw::Result<Delivery>;
    const bool smtp = !app.config.smtp_url.empty();
    auto sent = smtp ? send_by_smtp(app, m) : write_eml(app, m);
    if (!sent) return R::failure(sent.error);
    if (pw::Error e = insert_record(app, sent.value))
        std::fprintf(stderr, "email %s: sent, but its outbox record was not stored: %s\n", sent.value.id.c_str(),
                     e.code.c_str());
    return R::success(Delivery{smtp ? "smtp" : "outbox", std::move(sent.value)});
}

}  // namespace pws
