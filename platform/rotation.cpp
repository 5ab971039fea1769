#include "platform/rotation.hpp"

namespace cowork::platform {

std::optional<Rotation> rotationFromDegrees(int degrees) {
    switch (degrees) {
    case 0: return Rotation::None;
    case 90: return Rotation::Quarter;
    case 180: return Rotation::Half;
    case 270: return Rotation::ThreeQuarters;
    default: return std::nullopt;
    }
}

FrameSize logicalSize(FrameSize panel, Rotation rotation) {
    if (rotation == Rotation::Quarter || rotation == Rotation::ThreeQuarters) return {panel.height, panel.width};
    return panel;
}

// Turning the picture clockwise by 90° about its centre takes its top-left
// corner to the panel's top-right one: a panel point (x, y) shows the picture's
// point (y, W − x), W the panel's width. 180° and 270° follow the same way.
FramePoint panelToLogical(FramePoint panel, FrameSize panelSize, Rotation rotation) {
    const auto w = static_cast<float>(panelSize.width);
    const auto h = static_cast<float>(panelSize.height);
    switch (rotation) {
    case Rotation::Quarter: return {panel.y, w - panel.x};
    case Rotation::Half: return {w - panel.x, h - panel.y};
    case Rotation::ThreeQuarters: return {h - panel.y, panel.x};
    case Rotation::None: break;
    }
    return panel;
}

FramePoint logicalToPanel(FramePoint logical, FrameSize panelSize, Rotation rotation) {
    const auto w = static_cast<float>(panelSize.width);
    const auto h = static_cast<float>(panelSize.height);
    switch (rotation) {
    case Rotation::Quarter: return {w - logical.y, logical.x};
    case Rotation::Half: return {w - logical.x, h - logical.y};
    case Rotation::ThreeQuarters: return {logical.y, h - logical.x};
    case Rotation::None: break;
    }
    return logical;
}

}  // namespace cowork::platform
