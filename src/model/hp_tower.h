/* model/hp_tower — a config.json's vision tower and projector into hp->vision.
 *
 * Stage: model (called by model/hp_config). Input: the parsed config (its top level and
 * vision_config, whatever scope the text model's keys are read from). Output: hp->vision
 * (lx_tower_hp) when one row of the table below recognises the tower, with its sizes
 * read through each kind's key spellings; hp->has_vision / has_audio say that a tower is
 * declared at all. A wrong-typed key is an error at its line:column; a depth beyond
 * LX_MAX_LAYERS is an error naming the key.
 */
#ifndef LX_MODEL_HP_TOWER_H
#define LX_MODEL_HP_TOWER_H

#include "model/hparams.h"
#include "read/jsoncfg.h"

void lx_hp_read_towers(lx_jcfg *j, lx_hparams *hp);

#endif
