#pragma once
// Turning the picture for a panel mounted upside down or on its side. Under
// SDL's KMSDRM driver no compositor turns the screen, so the kiosk does: the UI
// is laid out and drawn in the turned ("logical") frame, the picture is turned
// onto the panel, and touches on the panel are turned back into that frame.
// The angle is the picture's turn on the panel, clockwise, as SDL_RenderCopyEx
// takes it: at 90 the UI's top edge runs down the panel's right edge.
// Pure geometry: tests check it without SDL.
#include <optional>

namespace cowork::platform {

enum class Rotation { None = 0, Quarter = 90, Half = 180, ThreeQuarters = 270 };

// 0, 90, 180 or 270 → the rotation; anything else, none.
std::optional<Rotation> rotationFromDegrees(int degrees);
inline int degreesOf(Rotation rotation) { return static_cast<int>(rotation); }

struct FrameSize {
    int width = 0;
    int height = 0;
};

struct FramePoint {
    float x = 0;
    float y = 0;
};

// The size the UI lays out in: the panel's, width and height swapped at 90 and 270.
FrameSize logicalSize(FrameSize panel, Rotation rotation);
// A point on the panel (pixels from its top-left corner) → the same point of the
// turned picture, in the UI's frame.
FramePoint panelToLogical(FramePoint panel, FrameSize panelSize, Rotation rotation);
// The inverse: where a point of the UI shows on the panel.
FramePoint logicalToPanel(FramePoint logical, FrameSize panelSize, Rotation rotation);

}  // namespace cowork::platform
