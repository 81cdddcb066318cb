#include "security/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <sodium.h>

#include "security/random.hpp"

namespace pws {
namespace {

const char* kField = "secret_file";
constexpr std::size_t kMaxFileBytes = 1024;  // two keys and a comment fit easily

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool parse_hex_key(std::string_view hex, MasterKey& out) {
    if (hex.size() != out.bytes.size() * 2) return false;
    for (std::size_t i = 0; i < out.bytes.size(); ++i) {
        const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out.bytes[i] = static_cast<unsigned char>(hi << 4 | lo);
    }
    return true;
}

std::string key_line(const char* role, const MasterKey& k) {
    return std::string(role) + " " + to_hex(k.bytes.data(), k.bytes.size()) + (k.legacy ? " legacy" : "") + "\n";
}

std::string file_text(const ServerSecret& s) {
    std::string text =
        "# paywidget server secret: keep it private and out of backups of the data directory.\n"
        "# Rotate with `server secret rotate` (server/README.md, \"The server secret\").\n";
    text += key_line("current", s.current);
    if (s.previous) text += key_line("previous", *s.previous);
    return text;
}

// "<role> <hex> [legacy]" lines; or the old format, 64 hex characters alone.
bool parse_secret(const std::string& text, ServerSecret& out) {
    std::string trimmed = text;
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == '\r')) trimmed.pop_back();
    if (trimmed.find_first_of("\n #") == std::string::npos) {
        out.current.legacy = true;
        return parse_hex_key(trimmed, out.current);
    }
    bool have_current = false;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string role, hex, flag, extra;
        words >> role >> hex >> flag >> extra;
        if (!extra.empty() || (!flag.empty() && flag != "legacy")) return false;
        MasterKey k;
        k.legacy = flag == "legacy";
        if (!parse_hex_key(hex, k)) return false;
        if (role == "current" && !have_current) {
            out.current = k;
            have_current = true;
        } else if (role == "previous" && !out.previous) {
            out.previous = k;
        } else {
            return false;
        }
    }
    return have_current;
}

bool write_all(int fd, const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Writes `text` to a fresh 0600 temporary file beside `path` and returns its
// name, or "" when it could not be written.
std::string write_temporary(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + random_token(8);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return "";
    const bool ok = write_all(fd, text) && ::fsync(fd) == 0;
    ::close(fd);
    if (ok) return tmp;
    ::unlink(tmp.c_str());
    return "";
}

MasterKey fresh_key() {
    MasterKey k;
    random_bytes(k.bytes.data(), k.bytes.size());
    return k;
}

// Creates `path` with a fresh secret unless it already exists. Returns false
// only when the file could not be written (an existing file is fine).
bool create_if_missing(const std::string& path) {
    ServerSecret s;
    s.current = fresh_key();
    const std::string tmp = write_temporary(path, file_text(s));
    sodium_memzero(s.current.bytes.data(), s.current.bytes.size());
    if (tmp.empty()) return false;
    // link() fails with EEXIST when another process won the race: its secret
    // is the one everybody uses.
    const bool linked = ::link(tmp.c_str(), path.c_str()) == 0 || errno == EEXIST;
    ::unlink(tmp.c_str());
    return linked;
}

pw::Result<ServerSecret> read_secret(const std::string& path) {
    using R = pw::Result<ServerSecret>;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return R::failure("secret_unreadable", kField,
                          "The server secret file " + path + " cannot be read: " + std::strerror(errno) + ".");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || (st.st_mode & 077) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return R::failure("secret_insecure", kField,
                          "The server secret file " + path + " must be a regular file readable only by its owner (chmod 600).");
    }
    std::string text(kMaxFileBytes + 1, '\0');
    std::size_t len = 0;
    while (len < text.size()) {
        const ssize_t n = ::read(fd, text.data() + len, text.size() - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        len += static_cast<std::size_t>(n);
    }
    ::close(fd);
    ServerSecret secret;
    const bool ok = len <= kMaxFileBytes && parse_secret(text.substr(0, len), secret);
    sodium_memzero(text.data(), text.size());
    if (!ok)
        return R::failure("secret_malformed", kField,
                          "The server secret file " + path + " must hold a line \"current <64 hex characters>\" "
                          "(and optionally \"previous <64 hex characters>\"); see server/README.md.");
    return R::success(secret);
}

}  // namespace

pw::Result<ServerSecret> load_or_create_secret(const std::string& path) {
    using R = pw::Result<ServerSecret>;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT || !create_if_missing(path))
            return R::failure("secret_unreadable", kField,
                              "The server secret file " + path + " cannot be created: " + std::strerror(errno) + ".");
    }
    return read_secret(path);
}

pw::Result<Rotation> rotate_secret(const std::string& path) {
    using R = pw::Result<Rotation>;
    auto old = read_secret(path);
    if (!old) return R::failure(old.error);
    Rotation r;
    r.dropped_previous = old.value.previous.has_value();
    r.secret.previous = old.value.current;
    r.secret.current = fresh_key();
    const std::string tmp = write_temporary(path, file_text(r.secret));
    if (tmp.empty() || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        if (!tmp.empty()) ::unlink(tmp.c_str());
        return R::failure("secret_unreadable", kField, "The server secret file " + path + " cannot be replaced: " + why + ".");
    }
    // The rename is durable only once the directory entry is.
    const std::string dir = std::filesystem::path(path).has_parent_path()
                                ? std::filesystem::path(path).parent_path().string()
                                : std::string(".");
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return R::success(r);
}

bool secret_inside_data_dir(const std::string& secret_path, const std::string& db_path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path db(db_path);
    const fs::path data_dir = fs::weakly_canonical(db.has_parent_path() ? db.parent_path() : fs::path("."), ec);
    if (ec) return false;
    const fs::path secret_dir = fs::weakly_canonical(fs::path(secret_path), ec).parent_path();
    if (ec) return false;
    // secret_dir is data_dir or below it: data_dir is a prefix, component-wise.
    auto s = secret_dir.begin();
    for (auto d = data_dir.begin(); d != data_dir.end(); ++d, ++s)
        if (s == secret_dir.end() || *s != *d) return false;
    return true;
}

}  // namespace pws
