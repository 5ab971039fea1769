// Put first on cowork_core's include path: the core library must not depend on
// the kiosk's UI, the network client or the HTTP server.
#error "cowork_core must not include imgui.h"
