// See drawn_text.hpp.
#include "drawn_text.hpp"

namespace pwui {

DrawnTextLog& drawn_text() {
    static DrawnTextLog instance;
    return instance;
}

}  // namespace pwui
