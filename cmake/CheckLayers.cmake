cmake_minimum_required(VERSION 3.25)
# The one rule of the layers (DESIGN.md): arrows point down only.
#   ui -> models -> ivs / cloudwatch -> aws;  local -> ivs / cloudwatch -> aws
#   app/cli (commands without a window, beside app/main.cpp) -> models and below
# Every library depends on this check (target greenroom_layers), so an upward include fails
# the build before anything compiles, naming the file, the line and the rule it breaks.
# Run as: cmake -DSOURCE_DIR=... -DWIDGETS_DIR=... -P CheckLayers.cmake

# layer folder | project include prefixes it may use
set(layers
    "app/aws|aws"
    "app/ivs|aws,ivs"
    "app/cloudwatch|aws,cloudwatch"
    "app/local|aws,ivs,cloudwatch,local"
    "models|aws,ivs,cloudwatch,models"
    "ui|aws,ivs,cloudwatch,models,ui"
    "app/cli|aws,ivs,cloudwatch,models,cli")
set(all_prefixes aws ivs cloudwatch local models ui cli)
# The local service shares shapes, codecs and the signer with the client, never its pipeline.
set(local_forbidden "aws/awsclient.h" "ivs/ivsclient.h" "cloudwatch/cloudwatchclient.h")
# Nothing below ui includes a widget header.
file(GLOB widget_headers RELATIVE "${WIDGETS_DIR}" "${WIDGETS_DIR}/Q*")

set(problems "")
foreach(entry IN LISTS layers)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 folder)
    list(GET parts 1 allowed_text)
    string(REPLACE "," ";" allowed "${allowed_text}")
    file(GLOB_RECURSE sources "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cpp")
    foreach(source IN LISTS sources)
        file(RELATIVE_PATH shown "${SOURCE_DIR}" "${source}")
        if(shown MATCHES "^app/[a-z]+/(codegen|data)/")
            continue() # the generator and the service models are not code of the layer
        endif()
        file(STRINGS "${source}" lines REGEX "^#include ")
        foreach(line IN LISTS lines)
            if(line MATCHES "^#include \"([a-z]+)/([^\"]+)\"")
                set(prefix "${CMAKE_MATCH_1}")
                set(header "${CMAKE_MATCH_1}/${CMAKE_MATCH_2}")
                if(prefix IN_LIST all_prefixes AND NOT prefix IN_LIST allowed)
                    list(APPEND problems "${shown}: ${line} — ${folder} may include only ${allowed_text}")
                endif()
                if(folder STREQUAL "app/local" AND header IN_LIST local_forbidden)
                    list(APPEND problems "${shown}: ${line} — the local service never uses the client's request pipeline")
                endif()
            elseif(NOT folder STREQUAL "ui" AND line MATCHES "^#include <([A-Za-z]+)>")
                if(CMAKE_MATCH_1 IN_LIST widget_headers)
                    list(APPEND problems "${shown}: ${line} — a widget header below ui/")
                endif()
            endif()
        endforeach()
    endforeach()
endforeach()

if(problems)
    list(JOIN problems "\n  " text)
    message(FATAL_ERROR "Layer rule broken (arrows point down only):\n  ${text}")
endif()
