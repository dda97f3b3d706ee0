"""The numbers that decide where a photo on a scan ends (``photo_edges``), each with its unit and meaning.

``PortraitDetector`` takes them as its keyword parameter ``photo_edges``, so the config sets any of them under
``detect.region_params.portrait.v1.photo_edges`` (a dict of the fields below), validated: a misspelt field or a
wrong type is a config error.  The defaults are the values the module held as literals (issue 81).  Pixel counts
are of the page raster the portrait detector reads; "face widths" and "face heights" are multiples of the face
box's sides; a "divisor" splits a face side by that many (integer division where the code floors).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["PhotoEdgeParams"]


class PhotoEdgeParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # -- growing the face box over the photo (``grow_photo_rect``) ------------------------------------------
    grow_side_faces: float = Field(2.5, description="face widths: growth reaches at most this far sideways")
    grow_up_faces: float = Field(1.6, description="face heights: growth reaches at most this far above the face")
    grow_down_faces: float = Field(4.0, description="face heights: growth reaches at most this far below the face")
    grow_step_div: int = Field(40, description="divisor of the face width: each strip growth adds is this share of "
                                               "a face wide (at least a pixel); also the rim inside the growth that "
                                               "ground_in_top_corners skips (the rim growth last added may be part "
                                               "paper)")
    grow_min_photo: float = Field(0.55, description="share of a strip that is not paper for growth to take it")

    # -- the head's dome above, the neck below (``_crown``, ``_chin``) ---------------------------------------
    crown_ink: float = Field(0.15, description="share of a row, across the face's columns, that is photo for the "
                                               "head's dome (or the neck below the chin) to go on there")
    head_min_px: int = Field(4, description="pixels: the face's columns inside the growth must be at least this "
                                            "many for the dome or the neck to be followed")
    chin_room: float = Field(0.15, description="face heights: growth that got no further below the face stopped at "
                                               "the chin, not at the photo's foot -- a portrait shows the neck and "
                                               "shoulders below the chin")
    chin_reach: float = Field(1.2, description="face heights below the face the walk down the neck may go: an ID "
                                               "photo's foot lies 0.6-1.0 face heights below the chin")

    # -- a photo lying turned on the page (``_tilted_extent``) -----------------------------------------------
    tilt_min_deg: float = Field(1.5, description="degrees: a photo turned at least this far on the page (a phone "
                                                 "photo's perspective, a skewed scan) ...")
    tilt_max_deg: float = Field(20.0, description="degrees: ... and at most this far (more: a sideways page, which "
                                                  "ingest turns upright)")
    tilt_solid: float = Field(0.8, description="share of its convex hull its mass fills at least (a photo, not text "
                                               "or a table's corner)")
    tilt_aspect: tuple[float, float] = Field((1.05, 1.8), description="the turned rectangle's long side over its "
                                                                      "short side: a portrait photo's proportions")
    tilt_reach: float = Field(0.2, description="share of the grown rectangle's side it reaches at most past each of "
                                               "its sides")
    tilt_open_div: int = Field(8, description="divisor of the face width: an opening by a disc this share of a face "
                                              "wide parts the photo from print and rules it touches")
    tilt_open_min_px: int = Field(3, description="pixels: that disc is at least this wide")
    tilt_min_px: int = Field(8, description="pixels: the face's width and the grown rectangle's sides below which no "
                                            "turned photo is looked for")
    tilt_corner_cut: float = Field(0.42, description="share of the opening disc's radius it rounds a corner off by "
                                                     "((sqrt 2 - 1), rounded up): added back on every side")

    # -- the shoulders along the growth's foot (``_shoulders``) ----------------------------------------------
    shoulders_drop_div: int = Field(5, description="divisor of the face height: growth must reach this share of a "
                                                   "face height below the face (past the chin: a photo cropped close "
                                                   "under it ends there) for its foot to be read")
    shoulders_band_div: int = Field(10, description="divisor of the face height: the band of rows along the foot is "
                                                    "this share of a face height (at least 2 rows)")
    shoulders_column_photo: float = Field(0.5, description="share of a column of that band that is photo for the "
                                                           "shoulders' run to go on sideways")
    shoulders_under_paper: float = Field(0.3, description="share of the rows under the band that may be photo for "
                                                          "them to be the photo's bottom edge (paper), not a pale "
                                                          "shirt inside it")

    # -- whether the growth frames a portrait, and its box (``photo_like``, ``photo_box``, ``_padded``) ------
    photo_min_width_faces: float = Field(1.1, description="face widths: a grown rectangle that frames a portrait is "
                                                          "at least this wide (Haar's box is half to three quarters "
                                                          "of an ID photo's width, up to 0.85 tightly cropped) ...")
    photo_min_height_faces: float = Field(1.5, description="face heights: ... and at least this high ...")
    photo_aspect: tuple[float, float] = Field((1.05, 1.7), description="... and its height over its width within "
                                                                       "these (upright)")
    light_sides_faces: float = Field(0.1, description="face widths the shoulders' run must exceed the growth's width "
                                                      "by for the ground at the sides to be as light as paper")
    pad_share: float = Field(0.03, description="share of its longer side a photo's box is grown by on every side")

    # -- a white-background ID photo from its foot (``_white_background_photo``) ------------------------------
    shoulders_min_faces: float = Field(1.25, description="face widths the shoulders' run spans at least (less: a "
                                                         "collar, not shoulders)")
    white_headroom_faces: float = Field(0.3, description="face heights: the photo's top lies at least this far "
                                                         "above the face (room above the hair)")
    id_photo_aspect: float = Field(1.4, description="height / width of a 1-inch or 2-inch ID photo (25 x 35 mm, "
                                                    "35 x 49 mm)")

    # -- paper between two faces (``paper_between``) ---------------------------------------------------------
    gap_paper_max_ink: float = Field(0.05, description="share of a row (column) across the gap between two faces "
                                                       "that is photo at most for it to be the page's paper")

    # -- photo against paper (``_non_paper``) ----------------------------------------------------------------
    paper_reduce: int = Field(8, description="the paper's local level is computed on the raster shrunk by this "
                                             "factor")
    paper_window_faces: int = Field(3, description="face widths: the median window of the paper's local level "
                                                   "(paper is the majority over a few photos' width)")
    paper_window_px: tuple[int, int] = Field((3, 255), description="pixels of the shrunk raster: that window's "
                                                                   "least and largest side")
    paper_darker: int = Field(30, description="grey levels: a pixel this much darker than the paper round it is "
                                              "photo ...")
    paper_min_saturation: int = Field(45, description="... as is one whose saturation (0-255) exceeds this ...")
    paper_saturation_above: int = Field(20, description="... and the paper's round it by this many levels")

    # -- a printed frame or form cell round the photo (``framed_photo``, ``frame_reached``) ------------------
    frame_max_faces: tuple[float, float] = Field((3.5, 5.0), description="face widths / heights: a photo's printed "
                                                                          "frame (or its form cell) is at most this "
                                                                          "wide / high")
    frame_lean: float = Field(0.03, description="how far a frame's line may lean from upright or level, per unit of "
                                                "its length (a phone photo's perspective: up to 1.7 degrees); lines "
                                                "are thickened and searched so far")
    frame_dark_div: int = Field(2, description="divisor of the face width: the window (odd, at least "
                                               "frame_kernel_min_px) of the mean a dark line is darker than")
    frame_dark_offset: int = Field(12, description="grey levels below that window's mean for a pixel to be dark")
    frame_line_div: int = Field(30, description="divisor of the face width: a frame line's thickness, as which lines "
                                                "are thickened (at least frame_kernel_min_px, odd)")
    frame_kernel_min_px: int = Field(3, description="pixels: the least side of the dark lines' window, a line's "
                                                    "thickness, the ridges' blur and the line openings")
    frame_ridge_darker: int = Field(10, description="grey levels a faint frame line is darker than the paper or photo "
                                                    "on both its sides")
    frame_ridge_smooth: float = Field(1 / 6, description="face heights: ... measured after a blur this long along the "
                                                         "line")
    frame_span: float = Field(0.7, description="share of the rectangle's side each side's line runs at least")
    frame_strip_ink: float = Field(0.2, description="share of each row between where growth stopped and a frame's "
                                                    "line that is photo, for the photo to run on to that line "
                                                    "(frame_reached)")
    frame_strip_min: float = Field(0.2, description="face widths (heights): ... and some side's strip is at least "
                                                    "this long: a few pixels of a photo's faded edge past the growth "
                                                    "say nothing of a cell's rule beyond")
    frame_ground_darker: int = Field(15, description="grey levels a line across that strip is darker than the paper "
                                                     "outside the frame, for a grey photo's pale ground to count as "
                                                     "photo")
    frame_ground_same: int = Field(12, description="grey levels: ... and within this many of the photo's own edge "
                                                   "where growth stopped")
    frame_lines_a_side: int = Field(4, description="lines tried on each side of the face, nearest first, for the "
                                                   "frame's sides")
    frame_id_aspect: tuple[float, float] = Field((1.3, 1.55), description="height / width a frame round a "
                                                                          "white-ground photo has when it is the "
                                                                          "photo's own edge (ID photos: 25 x 35, "
                                                                          "33 x 48, 35 x 49 mm; a phone photo's "
                                                                          "perspective a little either way; a "
                                                                          "送审表's cell round its white-ground "
                                                                          "photo: 1.26) ...")
    frame_id_face: tuple[float, float] = Field((0.5, 0.75), description="... and the share of its width the face "
                                                                        "takes (an ID photo's head fills about 0.6 "
                                                                        "of it; a form cell round a smaller photo "
                                                                        "leaves the face a smaller share)")
    frame_id_gap: float = Field(0.1, description="face widths growth must stop short of the frame at its top and both "
                                                 "sides for the photo's ground to be white (the head and shoulders "
                                                 "stand free of its edges)")
    frame_id_pad: float = Field(0.015, description="share of its longer side the photo's own frame is grown by on "
                                                   "every side: its line and a phone photo's blur across it (half "
                                                   "pad_share: a frame is drawn at the photo's edge, growth stops "
                                                   "inside it)")
    frame_past: float = Field(0.08, description="face widths (heights) growth may run past the nearest lines' side "
                                                "-- a line's thickness and a scan's blur -- before those lines are "
                                                "known to lie inside the photo")

    # -- the photo's ground in the growth's top corners (``ground_in_top_corners``) ---------------------------
    ground_corner: float = Field(0.15, description="face widths: the side of the square inside each top corner of "
                                                   "the grown rectangle ...")
    ground_corner_ink: float = Field(0.8, description="... that is this share photo for the photo's ground to fill "
                                                      "its corners")

    # -- print the photo's box stops at (``clear_of_print``) --------------------------------------------------
    print_outside: float = Field(0.5, description="share of a print line's box outside a photo's box for the line to "
                                                  "be print beside it")
    print_across: float = Field(0.25, description="share of the photo's width a line must run along to cross its foot "
                                                  "or head (a bio line beside a portrait, grazing its corner, does "
                                                  "not)")

    # -- a photo's rectangle from its own edges, where growth found none (``edge_rect``) -----------------------
    edge_reach: float = Field(0.5, description="face sizes round the face's box: the parts of the photo's ground "
                                               "reaching this far from it span the photo (pale hair round a pale face "
                                               "keeps the ground off the face's box itself)")
    edge_rim: float = Field(0.03, description="share of the rectangle's side: the rim inside each of its edges that "
                                              "must be photo, and the strip outside that must be paper")
    edge_rim_photo: float = Field(0.6, description="share of an edge's inner rim that is photo (not paper): a photo "
                                                   "printed on paper shows its ground along every edge")
    edge_outside_paper: float = Field(0.1, description="share of the strip just outside an edge that may be photo at "
                                                       "most: the paper the photo is printed on")
    edge_aspect: tuple[float, float] = Field((0.7, 1.8), description="height / width a photo's rectangle found so "
                                                                     "has (a square avatar to a 2-inch ID photo)")
