#include "services/portal_emails.hpp"

#include "paywidget/messages.hpp"
#include "services/email_locale.hpp"

namespace pws {

PortalEmailText portal_email_text(PortalEmail kind, const Practice& practice, std::string_view locale) {
    const std::string prefix = kind == PortalEmail::invitation ? "email.invitation_" : "email.reset_";
    const pw::MessageArgs args = {{"practice", practice.name}};
    return PortalEmailText{pw::text(locale, prefix + "subject", args), pw::text(locale, prefix + "text", args),
                           pw::text(locale, prefix + "button", args), pw::text(locale, prefix + "closing", args)};
}

pw::Result<Delivery> send_portal_email(App& app, const Practice& practice, const Client& client, PortalEmail kind,
                                       const std::string& url) {
    return send_portal_email(app, practice, client, portal_email_text(kind, practice, email_locale(client, practice)), url);
}

pw::Result<Delivery> send_portal_email(App& app, const Practice& practice, const Client& client,
                                       const PortalEmailText& text, const std::string& url) {
    const std::string locale = email_locale(client, practice);
    const std::string hello = pw::text(locale, "email.hello", {{"name", client.name}});
    EmailMessage m;
    m.practice_id = practice.id;
    m.from_name = practice.name;
    m.from_email = practice.email;
    m.to_name = client.name;
    m.to_email = client.email;
    m.subject = text.subject;
    m.text = hello + "\n\n" + text.paragraph + "\n" + text.button + ":\n\n" + url + "\n\n" + text.closing + "\n";
    m.html = "<!DOCTYPE html><html lang=\"" + html_escape(locale) + "\"><body style=\"font-family:sans-serif\"><p>" +
             html_escape(hello) + "</p><p>" + html_escape(text.paragraph) + "</p><p><a href=\"" + html_escape(url) +
             "\" style=\"display:inline-block;padding:12px 24px;background:#1f5fbf;color:#ffffff;"
             "text-decoration:none;border-radius:6px\">" +
             html_escape(text.button) + "</a></p><p>" + html_escape(text.closing) + "</p></body></html>";
    return deliver_email(app, m);
}

}  // namespace pws
