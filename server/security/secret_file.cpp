#include "security/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "security/random.hpp"

namespace pws {
namespace {

const char* kField = "secret_file";

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
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

// Creates `path` with fresh content unless it already exists. Returns false
// only when the file could not be written (an existing file is fine).
bool create_if_missing(const std::string& path) {
    const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + random_token(8);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    unsigned char key[32];
    random_bytes(key, sizeof key);
    const std::string text = to_hex(key, sizeof key) + "\n";
    const bool ok = write_all(fd, text) && ::fsync(fd) == 0;
    ::close(fd);
    // link() fails with EEXIST when another process won the race: its secret
    // is the one everybody uses.
    const bool linked = ok && (::link(tmp.c_str(), path.c_str()) == 0 || errno == EEXIST);
    ::unlink(tmp.c_str());
    return linked;
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
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return R::failure("secret_unreadable", kField,
                          "The server secret file " + path + " cannot be read: " + std::strerror(errno) + ".");
    if (::fstat(fd, &st) != 0 || (st.st_mode & 077) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return R::failure("secret_insecure", kField,
                          "The server secret file " + path + " must be a regular file readable only by its owner (chmod 600).");
    }
    char buf[130];
    ssize_t n;
    do { n = ::read(fd, buf, sizeof buf); } while (n < 0 && errno == EINTR);
    ::close(fd);
    std::size_t len = n > 0 ? static_cast<std::size_t>(n) : 0;
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) --len;
    ServerSecret secret;
    bool ok = len == secret.key.size() * 2;
    for (std::size_t i = 0; ok && i < secret.key.size(); ++i) {
        const int hi = hex_value(buf[2 * i]), lo = hex_value(buf[2 * i + 1]);
        ok = hi >= 0 && lo >= 0;
        if (ok) secret.key[i] = static_cast<unsigned char>(hi << 4 | lo);
    }
    explicit_bzero(buf, sizeof buf);
    if (!ok)
        return R::failure("secret_malformed", kField,
                          "The server secret file " + path + " must hold 64 hex characters; delete it to make a new one (existing links then stop working).");
    return R::success(secret);
}

}  // namespace pws
