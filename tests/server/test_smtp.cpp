// SMTP delivery: services/smtp_delivery.hpp against a tiny SMTP server that
// runs in this process on a loopback port and records what it receives, and
// end to end through the real server binary started with --smtp-url.
#define BOOST_TEST_MODULE smtp
#include <boost/test/unit_test.hpp>

#include <poll.h>

#include <atomic>
#include <mutex>

#include "admin_api.hpp"
#include "services/invoice_email.hpp"
#include "services/outbox.hpp"
#include "services/smtp_delivery.hpp"

using namespace pws_test;

namespace {

// ------------------------------------------------------------ the fake server

struct FakeSmtpOptions {
    bool refuse_rcpt = false;  // answer RCPT with 550
    bool silent = false;       // accept connections but never greet
    bool offer_auth = false;   // advertise AUTH PLAIN
};

// One SMTP conversation that reached the end of DATA.
struct ReceivedMail {
    std::string ehlo;
    std::string auth;       // the base64 AUTH PLAIN response, "" when none
    std::string mail_from;  // what followed "MAIL FROM:"
    std::vector<std::string> rcpt;
    std::string data;       // un-dot-stuffed, CRLF line endings
};

// Speaks just enough SMTP (220, EHLO, AUTH PLAIN, MAIL, RCPT, DATA, ., QUIT),
// one connection at a time, on a thread of its own.
class FakeSmtp {
public:
    explicit FakeSmtp(FakeSmtpOptions options = {}) : options_(options) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        int yes = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(listen_fd_, 8) == 0) {
            socklen_t len = sizeof a;
            if (::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) port_ = ntohs(a.sin_port);
        }
        thread_ = std::thread([this] { serve(); });
    }
    ~FakeSmtp() { stop(); }
    FakeSmtp(const FakeSmtp&) = delete;
    FakeSmtp& operator=(const FakeSmtp&) = delete;

    int port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    // Stops accepting and closes the listening socket: the port then refuses.
    void stop() {
        stopping_ = true;
        if (thread_.joinable()) thread_.join();
        if (listen_fd_ >= 0) ::close(listen_fd_);
        listen_fd_ = -1;
    }

    std::vector<ReceivedMail> mails() const {
        std::lock_guard<std::mutex> lock(mu_);
        return mails_;
    }
    int connections() const { return connections_; }

private:
    // A line without its CRLF; false when the peer closed or we stop.
    bool read_line(int fd, std::string& buffer, std::string& line) {
        for (;;) {
            const std::size_t eol = buffer.find("\r\n");
            if (eol != std::string::npos) {
                line = buffer.substr(0, eol);
                buffer.erase(0, eol + 2);
                return true;
            }
            pollfd p{fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, 50);
            if (stopping_) return false;
            if (ready <= 0) continue;
            char chunk[4096];
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }

    static void say(int fd, const std::string& reply) { (void)!::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL); }

    static bool starts_with_ci(const std::string& line, const std::string& prefix) {
        if (line.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if (std::toupper(static_cast<unsigned char>(line[i])) != prefix[i]) return false;
        return true;
    }

    void conversation(int fd) {
        if (options_.silent) {
            std::string buffer, line;
            while (read_line(fd, buffer, line)) {
            }
            return;
        }
        say(fd, "220 fake.smtp ESMTP ready\r\n");
        ReceivedMail mail;
        std::string buffer, line;
        while (read_line(fd, buffer, line)) {
            if (starts_with_ci(line, "EHLO") || starts_with_ci(line, "HELO")) {
                mail.ehlo = line;
                say(fd, options_.offer_auth ? "250-fake.smtp\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n"
                                            : "250-fake.smtp\r\n250 8BITMIME\r\n");
            } else if (starts_with_ci(line, "AUTH PLAIN")) {
                if (line.size() > 11) {
                    mail.auth = line.substr(11);
                } else {
                    say(fd, "334 \r\n");
                    if (!read_line(fd, buffer, mail.auth)) return;
                }
                say(fd, "235 2.7.0 Authentication successful\r\n");
            } else if (starts_with_ci(line, "MAIL FROM:")) {
                mail.mail_from = line.substr(10);
                say(fd, "250 2.1.0 Ok\r\n");
            } else if (starts_with_ci(line, "RCPT TO:")) {
                if (options_.refuse_rcpt) {
                    say(fd, "550 5.1.1 Recipient address rejected: User unknown\r\n");
                } else {
                    mail.rcpt.push_back(line.substr(8));
                    say(fd, "250 2.1.5 Ok\r\n");
                }
            } else if (starts_with_ci(line, "DATA")) {
                say(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
                std::string data_line;
                for (;;) {
                    if (!read_line(fd, buffer, data_line)) return;
                    if (data_line == ".") break;
                    if (!data_line.empty() && data_line[0] == '.') data_line.erase(0, 1);  // dot-stuffing
                    mail.data += data_line + "\r\n";
                }
                {
                    std::lock_guard<std::mutex> lock(mu_);
                    mails_.push_back(mail);
                }
                say(fd, "250 2.0.0 Ok: queued\r\n");
            } else if (starts_with_ci(line, "RSET") || starts_with_ci(line, "NOOP")) {
                say(fd, "250 2.0.0 Ok\r\n");
            } else if (starts_with_ci(line, "QUIT")) {
                say(fd, "221 2.0.0 Bye\r\n");
                return;
            } else {
                say(fd, "502 5.5.2 Command not recognized\r\n");
            }
        }
    }

    void serve() {
        while (!stopping_) {
            pollfd p{listen_fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const int fd = ::accept(listen_fd_, nullptr, nullptr);
            if (fd < 0) continue;
            ++connections_;
            conversation(fd);
            ::close(fd);
        }
    }

    FakeSmtpOptions options_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    mutable std::mutex mu_;
    std::vector<ReceivedMail> mails_;
    std::thread thread_;
};

// ------------------------------------------------------------------ helpers

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string base64_decode(const std::string& in) {
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : in) {
        const std::size_t v = kAlphabet.find(c);
        if (v == std::string::npos) continue;  // '=' padding
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return out;
}

pw::Invoice sample_invoice() {
    pw::Invoice inv;
    inv.id = "inv_smtp_1";
    inv.number = "INV-0042";
    inv.currency = "USD";
    inv.issue_date = pw::Date{2025, 3, 1};
    inv.due_date = pw::Date{2025, 3, 31};
    inv.practitioner = pw::Contact{"Dr. Maya Chen", "maya@harbor.example", "+1 555 0100"};
    inv.client = pw::Contact{"Sam Rivera", "sam@client.example", ""};
    inv.items = {pw::LineItem{"Initial consultation", 1, 12345, 0}};
    inv.subtotal = inv.total = inv.balance = 12345;
    return inv;
}

// The invoice email as the server builds it, for `pay_url`.
pws::EmailMessage invoice_message(const std::string& pay_url) {
    const pw::Invoice inv = sample_invoice();
    const pws::RenderedEmail r = pws::render_invoice_email(inv, pay_url);
    pws::EmailMessage m;
    m.practice_id = "prc_1";
    m.invoice_id = inv.id;
    m.from_name = inv.practitioner.name;
    m.from_email = inv.practitioner.email;
    m.to_name = inv.client.name;
    m.to_email = inv.client.email;
    m.subject = r.subject;
    m.text = r.text;
    m.html = r.html;
    return m;
}

const std::string kPayUrl = "https://pay.example/pay/Nn4kq0dJ3x2bL9sVt7yHcg";
const std::string kSender = "billing@paywidget.example";

pws::SmtpSettings settings_for(const std::string& url) {
    pws::SmtpSettings s;
    s.url = url;
    s.connect_timeout = std::chrono::milliseconds(2000);
    s.total_timeout = std::chrono::milliseconds(5000);
    return s;
}

}  // namespace

// ------------------------------------------------------------ send_smtp

BOOST_AUTO_TEST_CASE(the_message_arrives_with_its_envelope_headers_and_both_parts) {
    FakeSmtp smtp;
    BOOST_REQUIRE(smtp.port() > 0);
    pws::EmailMessage m = invoice_message(kPayUrl);
    m.text += ".a line that starts with a dot\n";  // SMTP transparency (dot-stuffing)
    const std::string mime = pws::render_mime(m, kSender, "eml_1@paywidget.example", 1740787200);
    const pw::Error e = pws::send_smtp(settings_for(smtp.url()), {kSender, m.to_email}, mime);
    BOOST_TEST_REQUIRE(e.code == "", e.message);

    const std::vector<ReceivedMail> mails = smtp.mails();
    BOOST_REQUIRE(mails.size() == 1u);
    const ReceivedMail& got = mails[0];
    BOOST_TEST(got.mail_from.rfind("<" + kSender + ">", 0) == 0u, got.mail_from);
    BOOST_REQUIRE(got.rcpt.size() == 1u);
    BOOST_TEST(got.rcpt[0].rfind("<sam@client.example>", 0) == 0u, got.rcpt[0]);
    BOOST_TEST(got.auth.empty());  // no --smtp-user: no AUTH
    // Exactly the bytes the outbox would write as .eml.
    BOOST_TEST(got.data == mime);
    const std::string& d = got.data;
    BOOST_TEST(contains(d, "\r\nSubject: Invoice INV-0042 from Dr. Maya Chen\r\n"));
    BOOST_TEST(d.rfind("From: \"Dr. Maya Chen via paywidget\" <" + kSender + ">\r\n", 0) == 0u);
    BOOST_TEST(contains(d, "\r\nReply-To: \"Dr. Maya Chen\" <maya@harbor.example>\r\n"));
    BOOST_TEST(contains(d, "\r\nTo: \"Sam Rivera\" <sam@client.example>\r\n"));
    BOOST_TEST(contains(d, "\r\nMessage-ID: <eml_1@paywidget.example>\r\n"));
    BOOST_TEST(contains(d, "Content-Type: multipart/alternative; boundary="));
    BOOST_TEST(contains(d, "Content-Type: text/plain; charset=utf-8"));
    BOOST_TEST(contains(d, "Content-Type: text/html; charset=utf-8"));
    BOOST_TEST(contains(d, "Pay Invoice: " + kPayUrl + "\r\n"));                // text part
    BOOST_TEST(contains(d, "<a href=\"" + kPayUrl + "\""));                     // HTML button
    BOOST_TEST(contains(d, ">Pay Invoice</a>"));
    BOOST_TEST(contains(d, "\r\n.a line that starts with a dot\r\n"));
}

BOOST_AUTO_TEST_CASE(the_login_is_sent_when_configured) {
    FakeSmtp smtp(FakeSmtpOptions{.offer_auth = true});
    pws::SmtpSettings s = settings_for(smtp.url());
    s.user = "mailer";
    s.password = "s3cret-pass";
    const pws::EmailMessage m = invoice_message(kPayUrl);
    const pw::Error e = pws::send_smtp(s, {kSender, m.to_email}, pws::render_mime(m, kSender, "x@y", 0));
    BOOST_TEST_REQUIRE(e.code == "", e.message);
    const std::vector<ReceivedMail> mails = smtp.mails();
    BOOST_REQUIRE(mails.size() == 1u);
    BOOST_TEST(base64_decode(mails[0].auth) == std::string("\0mailer\0s3cret-pass", 19));
}

BOOST_AUTO_TEST_CASE(a_refused_recipient_is_smtp_rejected) {
    FakeSmtp smtp(FakeSmtpOptions{.refuse_rcpt = true});
    const pws::EmailMessage m = invoice_message(kPayUrl);
    const pw::Error e = pws::send_smtp(settings_for(smtp.url()), {kSender, m.to_email},
                                       pws::render_mime(m, kSender, "x@y", 0));
    BOOST_TEST(e.code == "smtp_rejected");
    BOOST_TEST(contains(e.message, "550"), e.message);
    BOOST_TEST(contains(e.message, smtp.url()), e.message);
    BOOST_TEST(contains(e.message, "recipient"), e.message);
    BOOST_TEST(!contains(e.message, kPayUrl));  // never the body
    BOOST_TEST(smtp.mails().empty());
    BOOST_TEST(smtp.connections() == 1);
}

BOOST_AUTO_TEST_CASE(nothing_listening_is_smtp_unreachable_at_once) {
    const int port = free_port();  // free a moment ago: nothing listens there
    const std::string url = "smtp://127.0.0.1:" + std::to_string(port);
    const pws::EmailMessage m = invoice_message(kPayUrl);
    const auto t0 = std::chrono::steady_clock::now();
    const pw::Error e = pws::send_smtp(settings_for(url), {kSender, m.to_email}, pws::render_mime(m, kSender, "x@y", 0));
    const auto took = std::chrono::steady_clock::now() - t0;
    BOOST_TEST(e.code == "smtp_unreachable");
    BOOST_TEST(contains(e.message, url), e.message);
    BOOST_TEST(contains(e.message, "--smtp-url"), e.message);
    BOOST_TEST(took < std::chrono::milliseconds(2000));  // refused, not waited for
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out) {
    FakeSmtp smtp(FakeSmtpOptions{.silent = true});
    pws::SmtpSettings s = settings_for(smtp.url());
    s.total_timeout = std::chrono::milliseconds(800);
    const pws::EmailMessage m = invoice_message(kPayUrl);
    const auto t0 = std::chrono::steady_clock::now();
    const pw::Error e = pws::send_smtp(s, {kSender, m.to_email}, pws::render_mime(m, kSender, "x@y", 0));
    const auto took = std::chrono::steady_clock::now() - t0;
    BOOST_TEST(e.code == "smtp_unreachable");
    BOOST_TEST(took >= std::chrono::milliseconds(700));
    BOOST_TEST(took < std::chrono::milliseconds(4000));
    BOOST_TEST(smtp.connections() == 1);
}

BOOST_AUTO_TEST_CASE(tls_is_required_except_for_a_loopback_mail_server) {
    BOOST_TEST(pws::smtp_tls_required("smtp://mail.example.com:587"));
    BOOST_TEST(pws::smtp_tls_required("smtps://mail.example.com:465"));
    BOOST_TEST(pws::smtp_tls_required("smtp://10.0.0.5:25"));
    BOOST_TEST(pws::smtp_tls_required("smtp://127.0.0.1.evil.example:25"));
    BOOST_TEST(pws::smtp_tls_required("smtp://localhost.example.com:25"));
    BOOST_TEST(pws::smtp_tls_required("smtp://[2001:db8::1]:25"));
    BOOST_TEST(!pws::smtp_tls_required("smtp://localhost:25"));
    BOOST_TEST(!pws::smtp_tls_required("smtp://LocalHost"));
    BOOST_TEST(!pws::smtp_tls_required("smtp://127.0.0.1:2525"));
    BOOST_TEST(!pws::smtp_tls_required("smtp://127.1.2.3:25/"));
    BOOST_TEST(!pws::smtp_tls_required("smtp://[::1]:25"));
}

BOOST_AUTO_TEST_CASE(smtp_urls_are_checked) {
    BOOST_TEST(pws::smtp_url_problem("smtp://mail.example.com:587").empty());
    BOOST_TEST(pws::smtp_url_problem("smtps://mail.example.com:465").empty());
    BOOST_TEST(!pws::smtp_url_problem("http://mail.example.com").empty());
    BOOST_TEST(!pws::smtp_url_problem("smtp://").empty());
    BOOST_TEST(!pws::smtp_url_problem("smtp://mail.example.com:587\r\nRCPT").empty());
    BOOST_TEST(contains(pws::smtp_url_problem("smtp://user:pw@mail.example.com"), "PAYWIDGET_SMTP_PASSWORD"));
    BOOST_TEST(pws::smtp_url_for_display("smtp://user:pw@mail.example.com:25") == "smtp://mail.example.com:25");
    // A bad URL never reaches the network and never echoes a password.
    const pw::Error e = pws::send_smtp(settings_for("smtp://user:hunter2@mail.example.com"), {kSender, "a@b.c"}, "x");
    BOOST_TEST(e.code == "smtp_unreachable");
    BOOST_TEST(!contains(e.message, "hunter2"));
}

// ------------------------------------------------------------ render_mime

BOOST_AUTO_TEST_CASE(without_a_sender_the_practitioner_is_the_from) {
    const pws::EmailMessage m = invoice_message(kPayUrl);
    const std::string mime = pws::render_mime(m, "", "x@harbor.example", 0);
    BOOST_TEST(mime.rfind("From: \"Dr. Maya Chen\" <maya@harbor.example>\r\n", 0) == 0u);
    BOOST_TEST(!contains(mime, "Reply-To:"));
    BOOST_TEST(!contains(mime, "via paywidget"));
    // Every line ends in CRLF: no bare LF on the wire.
    for (std::size_t i = 0; i < mime.size(); ++i)
        if (mime[i] == '\n') BOOST_TEST_REQUIRE((i > 0 && mime[i - 1] == '\r'));
}

BOOST_AUTO_TEST_CASE(typed_text_cannot_add_headers) {
    pws::EmailMessage m = invoice_message(kPayUrl);
    m.subject = "Invoice\r\nBcc: everyone@example.com";
    m.from_name = "Dr. Evil\"\r\nBcc: x@example.com";
    const std::string mime = pws::render_mime(m, kSender, "x@y", 0);
    BOOST_TEST(!contains(mime, "\r\nBcc:"));
    BOOST_TEST(contains(mime, "Subject: Invoice  Bcc: everyone@example.com\r\n"));
}

// ------------------------------------------------------------ end to end

namespace {

// The real server, sending through a FakeSmtp, with one admin practice.
struct SmtpWorld {
    FakeSmtp smtp{FakeSmtpOptions{.offer_auth = true}};
    TempDir dir;
    Seeder seed{dir.path().string()};
    AdminPractice practice = make_admin_practice(seed, "Dr. Maya Chen");
    ServerProcess server{dir.path().string(),
                         {"--smtp-url", smtp.url(), "--smtp-from", kSender, "--smtp-user", "mailer"},
                         {{"PAYWIDGET_SMTP_PASSWORD", "s3cret-pass"}}};
};

std::vector<pws::Link> links_of(Seeder& seed, const std::string& invoice_id) {
    std::vector<pws::Link> out;
    seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
        auto l = t.invoice_links(invoice_id);
        if (l) out = l.value;
        return l.error;
    });
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_server_sends_invoices_and_resets_by_smtp) {
    SmtpWorld w;
    BOOST_REQUIRE(w.seed.ok());
    BOOST_REQUIRE(w.server.start());
    auto c = w.server.client();
    // Without a portal account, so its pay link answers without a sign-in.
    const std::string email = "sam-" + pws::random_token(6) + "@client.example";
    const std::string client = create_client(*c, w.practice.key, email);
    const std::string inv = create_invoice(*c, w.practice.key, client, 12345);
    BOOST_REQUIRE(!inv.empty());
    const std::string old_token = create_link(*c, w.practice.key, inv);
    BOOST_REQUIRE(!old_token.empty());

    Reply sent = admin_post(*c, w.practice.key, "/api/v1/admin/invoices/" + inv + "/send", json::object());
    BOOST_REQUIRE(sent.status == 200);
    BOOST_TEST(sent.body["delivery"] == "smtp");
    const std::string url = sent.body["link"]["url"].get<std::string>();
    const std::string token = sent.body["link"]["token"].get<std::string>();
    BOOST_TEST(get_link(*c, old_token).error_code() == "link_revoked");  // revoke_previous defaults to true
    BOOST_TEST(get_link(*c, token).status == 200);

    std::vector<ReceivedMail> mails = w.smtp.mails();
    BOOST_REQUIRE(mails.size() == 1u);
    BOOST_TEST(mails[0].mail_from.rfind("<" + kSender + ">", 0) == 0u);
    BOOST_REQUIRE(mails[0].rcpt.size() == 1u);
    BOOST_TEST(mails[0].rcpt[0].rfind("<" + email + ">", 0) == 0u);
    BOOST_TEST(base64_decode(mails[0].auth) == std::string("\0mailer\0s3cret-pass", 19));
    const std::string& d = mails[0].data;
    BOOST_TEST(contains(d, "From: \"Dr. Maya Chen via paywidget\" <" + kSender + ">\r\n"));
    BOOST_TEST(contains(d, "Reply-To: \"Dr. Maya Chen\" <ada@practice.example>\r\n"));
    BOOST_TEST(contains(d, "To: \"Grace Hopper\" <" + email + ">\r\n"));
    BOOST_TEST(contains(d, "Subject: Invoice INV-"));
    BOOST_TEST(contains(d, "<a href=\"" + url + "\""));
    BOOST_TEST(contains(d, "Pay Invoice: " + url + "\r\n"));
    BOOST_TEST(contains(d, "$123.45"));
    BOOST_TEST(outbox_messages(w.dir.path().string()).empty());  // SMTP, not the outbox

    // Portal mail goes the same way.
    const std::string portal_email = "pat-" + pws::random_token(6) + "@client.example";
    BOOST_REQUIRE(!create_client(*c, w.practice.key, portal_email, "portal-password-1").empty());
    Reply reset =
        to_reply(c->Post("/api/v1/password-resets", json{{"email", portal_email}}.dump(), "application/json"));
    BOOST_TEST(reset.status == 202);
    mails = w.smtp.mails();
    BOOST_REQUIRE(mails.size() == 2u);
    BOOST_TEST(mails[1].rcpt.at(0).rfind("<" + portal_email + ">", 0) == 0u);
    BOOST_TEST(contains(mails[1].data, "Subject: Reset your client portal password\r\n"));
    BOOST_TEST(contains(mails[1].data, "/portal/reset#token="));

    // The mail server goes away: the send fails clearly and changes nothing.
    w.smtp.stop();
    Reply failed = admin_post(*c, w.practice.key, "/api/v1/admin/invoices/" + inv + "/send", json::object());
    BOOST_TEST(failed.status == 502);
    BOOST_TEST(failed.error_code() == "smtp_unreachable");
    BOOST_TEST(contains(failed.body["error"]["message"].get<std::string>(), "--smtp-url"));
    BOOST_TEST(get_link(*c, token).status == 200);  // the client's emailed link still works
    int live = 0;
    for (const pws::Link& l : links_of(w.seed, inv))
        if (!l.revoked()) ++live;
    BOOST_TEST(live == 1);  // the unsent link was revoked

    // Neither the password nor a message body reaches the server's logs.
    const std::string logs = w.server.stdout_text() + w.server.stderr_text();
    BOOST_TEST(!contains(logs, "s3cret-pass"));
    BOOST_TEST(!contains(logs, "Pay Invoice"));
    BOOST_TEST(!contains(logs, token));
    BOOST_TEST(contains(logs, "smtp_unreachable"));  // the operator is told
}

BOOST_AUTO_TEST_CASE(the_server_refuses_a_bad_smtp_url_at_start_up) {
    TempDir dir;
    ServerProcess server{dir.path().string(), {"--smtp-url", "http://mail.example.com"}};
    BOOST_TEST(!server.start());
    BOOST_TEST(contains(server.stderr_text(), "smtp://"));
}
