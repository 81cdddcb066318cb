#include "services/portal_emails.hpp"

namespace pws {

pw::Result<Delivery> send_portal_email(App& app, const Practice& practice, const Client& client,
                                       const PortalEmailText& text, const std::string& url) {
    EmailMessage m;
    m.practice_id = practice.id;
    m.from_name = practice.name;
    m.from_email = practice.email;
    m.to_name = client.name;
    m.to_email = client.email;
    m.subject = text.subject;
    m.text = "Hello " + client.name + ",\n\n" + text.paragraph + "\n" + text.button + ":\n\n" + url + "\n\n" +
             text.closing + "\n";
    m.html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>Hello " + html_escape(client.name) +
             ",</p><p>" + html_escape(text.paragraph) + "</p><p><a href=\"" + html_escape(url) +
             "\" style=\"display:inline-block;padding:12px 24px;background:#1f5fbf;color:#ffffff;"
             "text-decoration:none;border-radius:6px\">" +
             html_escape(text.button) + "</a></p><p>" + html_escape(text.closing) + "</p></body></html>";
    return deliver_email(app, m);
}

}  // namespace pws
